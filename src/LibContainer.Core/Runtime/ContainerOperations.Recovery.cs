using LibContainer.Cgroups;
using LibContainer.Config;
using LibContainer.Network;
using LibContainer.Runtime.Launch;

namespace LibContainer.Runtime;

/// <summary>A container of this state root found by its cgroup markers while its state directory is gone or
/// unreadable: init's pid when the marked init still runs (else 0) and the processes in its cgroups.</summary>
public sealed record RecoveredContainer(string Id, string CgroupPath, int Pid, IReadOnlyList<int> Pids)
{
    public ContainerState Status => Pid > 0 || Pids.Count > 0 ? ContainerState.Running : ContainerState.Stopped;
}

public enum OrphanKind { StateDirectory, Cgroup, HostInterface }

/// <summary>Something a container left that nothing will remove: see <see cref="ContainerOperations.FindOrphans"/>.</summary>
public sealed record Orphan(OrphanKind Kind, string Id, string Path, string Reason);

/// <summary>Recovery without state.json (docs/recovery.md): the cgroup owner markers (id, state root, init pid and
/// start time) are the ground truth when a state directory is lost or corrupt.</summary>
public sealed partial class ContainerOperations
{
    /// <summary>`list --recover`: containers of this state root whose state.json is missing or unreadable.</summary>
    public IReadOnlyList<RecoveredContainer> Recover() =>
        OwnMarks().Where(m => !StateReadable(m.Id))
            .Select(m => new RecoveredContainer(m.Id, m.Path, LiveInit(m), OpenMarked(m).GetPids())).ToList();

    /// <summary>
    /// `gc`: state directories no command holds whose state.json is missing, unreadable or still says "creating"
    /// (a create that died); cgroups marked for this state root with no process and no state directory; veth ends
    /// named by <see cref="VethPeerName"/> whose creator is gone. A stopped container is not an orphan: its state
    /// (and exit status) stays until `delete`. Running containers without state are left to `delete --force`.
    /// </summary>
    public IReadOnlyList<Orphan> FindOrphans()
    {
        var orphans = new List<Orphan>();
        var dirs = Directory.Exists(Store.Root) ? Directory.GetDirectories(Store.Root) : [];
        foreach (var dir in dirs.Order(StringComparer.Ordinal))
        {
            string id = Path.GetFileName(dir);
            if (!IsValidId(id)) continue;
            using var held = Store.TryLock(id);
            if (held is null) continue; // another command (e.g. a create) is working on it
            if (StaleReason(id) is { } reason) orphans.Add(new Orphan(OrphanKind.StateDirectory, id, dir, reason));
        }
        foreach (var m in OwnMarks())
        {
            if (Directory.Exists(Store.DirOf(m.Id))) continue; // its state directory decides (above)
            if (LiveInit(m) > 0 || OpenMarked(m).GetPids().Count > 0) continue;
            orphans.Add(new Orphan(OrphanKind.Cgroup, m.Id, m.Path, "marked as this runtime's, no process, no state directory"));
        }
        using var rtnl = Network.Netlink.Rtnetlink.Open();
        foreach (var link in rtnl.ListLinks())
            if (VethPeerName.CreatorOf(link.Name) is int creator && !Directory.Exists($"/proc/{creator}"))
                orphans.Add(new Orphan(OrphanKind.HostInterface, "", link.Name, $"veth end left by a create that died (pid {creator})"));
        return orphans;
    }

    /// <summary>Removes one orphan <see cref="FindOrphans"/> reported (processes first when a dead create left any).</summary>
    public void RemoveOrphan(Orphan orphan)
    {
        ArgumentNullException.ThrowIfNull(orphan);
        switch (orphan.Kind)
        {
            case OrphanKind.StateDirectory:
                Delete(orphan.Id, force: true);
                break;
            case OrphanKind.Cgroup:
                foreach (var m in OwnMarks().Where(m => m.Id == orphan.Id && m.Path == orphan.Path)) OpenMarked(m).Destroy();
                break;
            case OrphanKind.HostInterface:
                using (var rtnl = Network.Netlink.Rtnetlink.Open()) rtnl.DeleteLink(orphan.Path);
                break;
        }
    }

    /// <summary>What `delete --force` does without a readable state.json: kills the marked init (when its start time
    /// still matches) and every process in the cgroups marked with the id, then removes those cgroups.</summary>
    private void RemoveRecovered(string id)
    {
        foreach (var m in OwnMarks().Where(m => m.Id == id))
        {
            if (m.InitPid > 0 && m.InitStartTime != 0) KillAndWait(m.InitPid, m.InitStartTime);
            OpenMarked(m).Destroy();
        }
    }

    /// <summary>The marks of this state root (a mark without one, from an older nsinit, counts for the default root).</summary>
    private IEnumerable<MarkedCgroup> OwnMarks() => Cgroups == CgroupDriver.Disabled
        ? []
        : MarkedCgroups.Find().Where(m => (m.StateRoot ?? StateStore.DefaultRoot) == Store.Root);

    private static ICgroupManager OpenMarked(MarkedCgroup m) => CgroupManagerFactory.Open(m.Path, m.Id);

    private static int LiveInit(MarkedCgroup m) =>
        m.InitPid > 0 && m.InitStartTime != 0 && ContainerStatusProbe.IsAlive(m.InitPid, m.InitStartTime, "/proc") ? m.InitPid : 0;

    private bool StateReadable(string id)
    {
        try { return Store.TryLoad(id) is not null; }
        catch (ContainerException) { return false; }
    }

    private string? StaleReason(string id)
    {
        try
        {
            var record = Store.TryLoad(id);
            if (record is null) return "no state.json";
            return record.Status == ContainerState.Creating ? "its create did not finish" : null;
        }
        catch (ContainerException e) { return "state.json unreadable: " + e.Message; }
    }

    private static bool IsValidId(string id)
    {
        try { StateStore.ValidateId(id); return true; }
        catch (ContainerException) { return false; }
    }
}
