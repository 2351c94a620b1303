using LibContainer.Config;
using LibContainer.Interop;

namespace LibContainer.Cgroups;

/// <summary>
/// One container's cgroup on every hierarchy of the host (v1 hierarchies and/or the cgroup2 one). Directories this
/// manager makes carry an xattr marker, so a later process (e.g. `delete`) removes only what was created for the container.
/// </summary>
internal sealed partial class CgroupManager : ICgroupManager
{
    // trusted.* needs CAP_SYS_ADMIN: an unprivileged runtime (in a delegated cgroup2 subtree) marks with user.*, which
    // cgroupfs keeps since Linux 5.7. The prefix is computed on first use, not in a field initializer: the partial
    // files' static initializers that use it run in no set order.
    private static string? s_xattrPrefix;
    internal static string XattrPrefix => s_xattrPrefix ??= LibC.geteuid() == 0 ? "trusted." : "user.";
    internal static readonly string OwnerXattr = XattrPrefix + "libcontainer.owner";
    internal static readonly string ParentXattr = XattrPrefix + "libcontainer.parent";
    /// <summary>Beside the owner marker: the state root of the runtime that made the cgroup (recovery, docs/recovery.md).</summary>
    internal static readonly string StateXattr = XattrPrefix + "libcontainer.state";
    /// <summary>The container's init as "pid starttime" (starttime from /proc/PID/stat: a reused pid does not match).</summary>
    internal static readonly string InitXattr = XattrPrefix + "libcontainer.init";
    internal const string UnifiedKey = "unified";

    private readonly List<(CgroupHierarchy Hierarchy, string Dir)> _dirs = new();
    private readonly Dictionary<string, string> _paths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _createdHere = new(StringComparer.Ordinal);

    public CgroupManager(CgroupHost host, string path, string containerId)
    {
        Host = host;
        Path = CgroupPlacement.Validate(path);
        ContainerId = containerId;
        foreach (var h in host.V1Hierarchies)
        {
            var dir = Join(h.MountPoint, Path);
            _dirs.Add((h, dir));
            foreach (var c in h.Controllers) _paths[c] = dir;
        }
        if (host.Unified is { } u)
        {
            var dir = Join(u.MountPoint, Path);
            _dirs.Add((u, dir));
            _paths[UnifiedKey] = dir;
        }
    }

    public CgroupHost Host { get; }
    public CgroupMode Mode => Host.Mode;
    public string Path { get; }
    public string ContainerId { get; }
    public string? StateRoot { get; set; }
    public IReadOnlyDictionary<string, string> Paths => _paths;
    public bool Exists => _dirs.Any(d => Directory.Exists(d.Dir));

    /// <summary>The v1 directory of a controller, or null when the controller has no v1 hierarchy.</summary>
    internal string? V1Dir(string controller) => Host.V1For(controller) is { } h ? Join(h.MountPoint, Path) : null;

    /// <summary>The cgroup2 directory, or null on a pure v1 host.</summary>
    internal string? UnifiedDir => Host.Unified is { } u ? Join(u.MountPoint, Path) : null;

    public void Create()
    {
        foreach (var (_, dir) in _dirs)
        {
            if (!CgroupFile.TryGetMarker(dir, OwnerXattr, out var owner)) continue;
            RefuseForeign(dir, owner);
            var pids = CgroupFile.ReadPids(System.IO.Path.Combine(dir, "cgroup.procs"));
            if (pids.Count > 0)
                throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                    $"cgroup {Path} already has processes: pid {string.Join(", ", pids.Take(10))} in {dir}; two containers cannot share a cgroup",
                    ContainerId);
        }
        foreach (var (h, dir) in _dirs) MakeDirectories(h);
    }

    public void MarkInit(int pid, ulong startTime)
    {
        var value = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{pid} {startTime}");
        foreach (var (_, dir) in _dirs)
            if (_createdHere.Contains(dir)) CgroupFile.SetMarker(dir, InitXattr, value);
    }

    public void Apply(int pid)
    {
        foreach (var (_, dir) in _dirs)
        {
            if (!Directory.Exists(dir))
                throw new ContainerException(ContainerErrorKind.SystemError,
                    $"cannot place pid {pid}: cgroup directory {dir} does not exist (Create was not called or it was removed)", ContainerId);
            CgroupFile.Write(System.IO.Path.Combine(dir, "cgroup.procs"), pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public IReadOnlyList<int> GetPids()
    {
        var seen = new SortedSet<int>();
        foreach (var (_, dir) in _dirs)
            foreach (var pid in CgroupFile.ReadPids(System.IO.Path.Combine(dir, "cgroup.procs"))) seen.Add(pid);
        return seen.ToList();
    }

    public void KillAll(int signal)
    {
        if (signal == LibC.SIGKILL && TryCgroupKill())
        {
            // On a hybrid host a v1 freezer may still hold the killed tasks: let them die.
            if (IsFrozen) Thaw();
            return;
        }
        bool canFreeze = HasFreezer;
        if (canFreeze) Freeze();
        try
        {
            foreach (var pid in GetPids())
                if (LibC.kill(pid, signal) != 0)
                {
                    int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                    if (errno != Errno.ESRCH) throw new SyscallException("kill", errno, null, $"pid {pid}, signal {signal}");
                }
        }
        finally
        {
            if (canFreeze) Thaw();
        }
    }

    public void Destroy()
    {
        // One getxattr per directory says both whether it is there and whose it is; all are checked before any goes.
        var present = new List<(CgroupHierarchy Hierarchy, string Dir, string? Owner)>();
        foreach (var (h, dir) in _dirs)
        {
            if (!CgroupFile.TryGetMarker(dir, OwnerXattr, out var owner)) continue;
            RefuseForeign(dir, owner);
            present.Add((h, dir, owner));
        }
        // Usually init is reaped already and every rmdir works at once; EBUSY means tasks remain: kill them first.
        var busy = present.Where(d => !RemoveOwned(d.Hierarchy, d.Dir, d.Owner, waitWhileBusy: false)).ToList();
        if (busy.Count == 0) return;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var pids = GetPids();
            if (pids.Count == 0) break;
            if (DateTime.UtcNow > deadline)
                throw new ContainerException(ContainerErrorKind.SystemError,
                    $"cgroup {Path} still has processes after SIGKILL: pid {string.Join(", ", pids.Take(10))}", ContainerId);
            KillAll(LibC.SIGKILL);
            Thread.Sleep(10);
        }
        foreach (var (h, dir, owner) in busy) RemoveOwned(h, dir, owner, waitWhileBusy: true);
    }

    /// <summary>A directory another container created (its owner marker names another id) is never shared or removed.</summary>
    private void RefuseForeign(string dir, string? owner)
    {
        if (owner is not null && owner != ContainerId)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                $"cgroup {Path} belongs to container \"{owner}\" ({dir}); two containers cannot share a cgroup", ContainerId);
    }

    /// <summary>Writes cgroup.kill (cgroup v2, Linux 5.14+); false when the file is not there.</summary>
    private bool TryCgroupKill()
    {
        if (UnifiedDir is not { } dir) return false;
        var file = System.IO.Path.Combine(dir, "cgroup.kill");
        if (!File.Exists(file)) return false;
        CgroupFile.Write(file, "1");
        return true;
    }

    private void MakeDirectories(CgroupHierarchy h)
    {
        // Another container's delete may remove an empty shared parent (/nsinit) between our look and our mkdir.
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                MakeDirectoriesOnce(h);
                return;
            }
            catch (SyscallException e) when (e.Errno == Errno.ENOENT && attempt < 10) { }
        }
    }

    private void MakeDirectoriesOnce(CgroupHierarchy h)
    {
        var current = h.MountPoint;
        var segments = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < segments.Length; i++)
        {
            bool leaf = i == segments.Length - 1;
            var parent = current;
            current = System.IO.Path.Combine(current, segments[i]);
            if (h.IsUnified && Host.Mode == CgroupMode.V2) EnableAllControllers(parent);
            if (Directory.Exists(current)) continue;
            if (RuntimeSys.TryMkdir(current, 0x1ed) != 0)
            {
                int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == Errno.EEXIST) continue;
                throw new SyscallException("mkdir", errno, current);
            }
            _createdHere.Add(current);
            CgroupFile.SetMarker(current, leaf ? OwnerXattr : ParentXattr, leaf ? ContainerId : "1");
            if (leaf && StateRoot is not null) CgroupFile.SetMarker(current, StateXattr, StateRoot);
            if (h.Has("cpuset")) CopyCpusetFromParent(parent, current);
        }
    }

    // A new v1 cpuset starts with empty cpus/mems and refuses tasks until they are set.
    internal static void CopyCpusetFromParent(string parent, string dir)
    {
        foreach (var file in new[] { "cpuset.cpus", "cpuset.mems" })
        {
            var mine = CgroupFile.TryReadLine(System.IO.Path.Combine(dir, file));
            if (mine is null || mine.Length > 0) continue;
            var theirs = CgroupFile.TryReadLine(System.IO.Path.Combine(parent, file));
            if (!string.IsNullOrEmpty(theirs)) CgroupFile.Write(System.IO.Path.Combine(dir, file), theirs);
        }
    }

    /// <summary>Turns on, in a v2 directory's cgroup.subtree_control, each controller it offers (best effort).</summary>
    internal static void EnableAllControllers(string dir)
    {
        var offered = CgroupFile.TryReadLine(System.IO.Path.Combine(dir, "cgroup.controllers"));
        if (string.IsNullOrEmpty(offered)) return;
        var enabled = (CgroupFile.TryReadLine(System.IO.Path.Combine(dir, "cgroup.subtree_control")) ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var c in offered.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (!enabled.Contains(c)) CgroupFile.TryWrite(System.IO.Path.Combine(dir, "cgroup.subtree_control"), "+" + c);
    }

    /// <summary>Removes the directory when it is ours; false when it still has tasks and <paramref name="waitWhileBusy"/>
    /// is off.</summary>
    private bool RemoveOwned(CgroupHierarchy h, string dir, string? owner, bool waitWhileBusy)
    {
        bool owned = owner == ContainerId || _createdHere.Contains(dir);
        if (!owned) return true;
        ReleaseRealtime(h, dir);
        if (!RmdirWithRetry(dir, mustSucceed: waitWhileBusy)) return false;
        if (h.IsUnified) GiveBackControllers(h, dir);
        // Parents we made (e.g. /nsinit) go too when no other container uses them.
        var parent = System.IO.Path.GetDirectoryName(dir);
        while (parent is not null && parent.Length > h.MountPoint.Length && parent.StartsWith(h.MountPoint, StringComparison.Ordinal))
        {
            bool ours = CgroupFile.GetMarker(parent, ParentXattr) == "1" || _createdHere.Contains(parent);
            if (!ours) break;
            ReleaseRealtime(h, parent);
            if (!RmdirWithRetry(parent, mustSucceed: false)) break;
            parent = System.IO.Path.GetDirectoryName(parent);
        }
        return true;
    }

    private bool RmdirWithRetry(string dir, bool mustSucceed)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (RuntimeSys.TryRmdir(dir) == 0) { _createdHere.Remove(dir); return true; }
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno == Errno.ENOENT) return true;
            if (!mustSucceed && errno is Errno.EBUSY or Errno.ENOTEMPTY) return false;
            if (errno != Errno.EBUSY || attempt >= 200) throw new SyscallException("rmdir", errno, dir);
            Thread.Sleep(10);
        }
    }

    internal static string Join(string mountPoint, string path) => mountPoint.TrimEnd('/') + path;
}
