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

    /// <summary>Restart's second half: the stopped container's state is deleted (its bundle kept) and the same bundle
    /// is created again under the same id, supervised, then started: a new init, a new cgroup, the same config.</summary>
    public static void Recreate(Container c, CancellationToken cancel)
    {
        Ops(c).Delete(c.Id, force: true);
        var log = c.ManagedBundle ? Path.Combine(c.Bundle, "console.log") : "/dev/null";
        try
        {
            NsinitDetached.CreateSupervised(c.StateRoot, c.Bundle, c.Id, log, cancel);
        }
        catch when (c.ManagedBundle)
        {
            Directory.Delete(c.Bundle, recursive: true); // the container is gone: leave nothing of it
            throw;
        }
        Ops(c).Start(c.Id);
    }

    public static IReadOnlyList<int> Pids(Container c) => Ops(c).Pids(c.Id);

    /// <summary>Core's pause/resume: the status is checked under the container's lock (running → paused).</summary>
    public static void Pause(Container c) => Ops(c).Pause(c.Id);

    public static void Resume(Container c) => Ops(c).Resume(c.Id);

    /// <summary>Core's update (what `nsinit update` runs): only the fields set change, memory/cpu/pids merge field by
    /// field, and new device rules keep the defaults create adds.</summary>
    public static void Update(Container c, LinuxResources r) => Ops(c).Update(c.Id, r);

    public static LibContainer.Stats.ContainerStats Stats(Container c) => Ops(c).Stats(c.Id);

    /// <summary>The container's memory cgroup, for the OOM watcher.</summary>
    public static LibContainer.Cgroups.ICgroupManager Cgroup(Container c) => Ops(c).CgroupOf(c.Id);

    /// <summary>Polls until the container is stopped or gone; false on timeout (null timeout: wait forever).
    /// <paramref name="progress"/> hears the elapsed time once the wait passes a second, and null when it ends.</summary>
    public static bool WaitStopped(Container c, TimeSpan? timeout, CancellationToken cancel, Action<TimeSpan?>? progress = null)
    {
        var deadline = timeout is { } t ? DateTime.UtcNow + t : DateTime.MaxValue;
        var started = DateTime.UtcNow;
        var shown = false;
        try
        {
            while (true)
            {
                var now = ContainerCatalog.Load(c.Id, c.StateRoot);
                if (now is null || now.State == ContainerState.Stopped) return true;
                if (DateTime.UtcNow >= deadline) return false;
                var elapsed = DateTime.UtcNow - started;
                if (elapsed > TimeSpan.FromSeconds(1) && progress is not null)
                {
                    progress(elapsed);
                    shown = true;
                }
                // short waits are common (stop, short commands): poll fast first, then gently
                cancel.WaitHandle.WaitOne(elapsed < TimeSpan.FromSeconds(1) ? 2 : 50);
                cancel.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            if (shown) progress!(null);
        }
    }
}
