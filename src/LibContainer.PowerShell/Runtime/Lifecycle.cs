using LibContainer.Cgroups;
using LibContainer.Config;
using LibContainer.Runtime;

namespace LibContainer.PowerShell.Runtime;

/// <summary>
/// The lifecycle operations that never fork, run in-process through Core (ContainerOperations, the cgroup manager):
/// start, signal, delete, pause, resume, update. Only create and exec start nsinit.
/// </summary>
internal static class Lifecycle
{
    private static ContainerOperations Ops(Container c) => new(new LibContainer.Runtime.StateStore(c.StateRoot));

    public static void Start(Container c, CancellationToken cancel) => Ops(c).Start(c.Id);

    public static void Signal(Container c, string signal, CancellationToken cancel) => Ops(c).Kill(c.Id, Signals.Parse(signal));

    public static void Delete(Container c, bool force, CancellationToken cancel)
    {
        Ops(c).Delete(c.Id, force);
        if (c.ManagedBundle && Directory.Exists(c.Bundle)) Directory.Delete(c.Bundle, recursive: true);
    }

    public static IReadOnlyList<int> Pids(Container c) => Ops(c).Pids(c.Id);

    public static void Pause(Container c, CancellationToken cancel) => WithCgroup(c, (m, rec) =>
    {
        m.Freeze();
        rec.Status = ContainerStatusProbe.Paused;
    });

    public static void Resume(Container c, CancellationToken cancel) => WithCgroup(c, (m, rec) =>
    {
        m.Thaw();
        rec.Status = ContainerStatusProbe.Running;
    });

    /// <summary>Writes the limits to the cgroup and records them in the container's config.</summary>
    public static void Update(Container c, LinuxResources r) => WithCgroup(c, (m, rec) =>
    {
        m.Set(r);
        var linux = rec.Config.Linux ??= new Linux();
        var current = linux.Resources ??= new LinuxResources();
        if (r.Memory is { } mem) current.Memory = mem;
        if (r.Cpu is { } cpu) current.Cpu = cpu;
        if (r.Pids is { } pids) current.Pids = pids;
        if (r.BlockIO is { } bio) current.BlockIO = bio;
        if (r.HugepageLimits is { } huge) current.HugepageLimits = huge;
        if (r.Unified is { } unified) current.Unified = unified;
    });

    public static ICgroupManager Cgroup(Container c) =>
        CgroupManagerFactory.Open(c.CgroupsPath, c.Id);

    private static void WithCgroup(Container c, Action<ICgroupManager, ContainerStateRecord> action)
    {
        var store = new LibContainer.Runtime.StateStore(c.StateRoot);
        using (store.Lock(c.Id))
        {
            var rec = store.Load(c.Id);
            if (rec.CgroupsPath is null)
                throw new ContainerException(ContainerErrorKind.SystemError, $"Container '{c.Name}' runs without cgroups.", c.Id);
            action(CgroupManagerFactory.Open(rec.CgroupsPath, rec.Id), rec);
            store.Save(rec);
        }
    }

    /// <summary>Polls until the container is stopped or gone; false on timeout (null timeout: wait forever).</summary>
    public static bool WaitStopped(Container c, TimeSpan? timeout, CancellationToken cancel)
    {
        var deadline = timeout is { } t ? DateTime.UtcNow + t : DateTime.MaxValue;
        var started = DateTime.UtcNow;
        while (true)
        {
            var now = ContainerCatalog.Load(c.Id, c.StateRoot);
            if (now is null || now.State == ContainerState.Stopped) return true;
            if (DateTime.UtcNow >= deadline) return false;
            // short waits are common (stop, short commands): poll fast first, then gently
            cancel.WaitHandle.WaitOne(DateTime.UtcNow - started < TimeSpan.FromSeconds(1) ? 2 : 50);
            cancel.ThrowIfCancellationRequested();
        }
    }
}
