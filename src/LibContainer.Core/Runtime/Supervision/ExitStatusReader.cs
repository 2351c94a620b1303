using LibContainer.Runtime.Supervision;

namespace LibContainer.Runtime;

/// <summary>Reads what a container's supervisor (`nsinit create --supervise`) recorded: exit.json and supervisor.pid
/// in the container's state directory. Safe in any host (no fork, no lock).</summary>
public static class ExitStatusReader
{
    /// <summary>How the container's init ended; null while it runs, when it was not supervised, or when unknown.</summary>
    public static ContainerExitStatus? ReadExitStatus(this StateStore store, string id)
    {
        StateStore.ValidateId(id);
        return ExitStatusFile.TryRead(store.DirOf(id));
    }

    /// <summary>True when a supervisor watches (or watched) this container.</summary>
    public static bool IsSupervised(this StateStore store, string id)
    {
        StateStore.ValidateId(id);
        return ExitStatusFile.TryReadSupervisorPid(store.DirOf(id)) is not null;
    }

    /// <summary>The pid of the container's supervisor while it is alive, else null.</summary>
    public static int? SupervisorPid(this StateStore store, string id)
    {
        StateStore.ValidateId(id);
        return ExitStatusFile.TryReadSupervisorPid(store.DirOf(id)) is { } pid && ContainerStatusProbe.IsAlive(pid, 0, "/proc") ? pid : null;
    }

    /// <summary>For a container that has stopped: its exit status, waiting up to <paramref name="timeout"/> while its
    /// supervisor is still writing it (init's death and exit.json are a moment apart). Null when not supervised, when
    /// the supervisor is gone without writing it, or when the container was deleted.</summary>
    public static ContainerExitStatus? AwaitExitStatus(this StateStore store, string id, TimeSpan timeout, CancellationToken cancel = default)
    {
        StateStore.ValidateId(id);
        string dir = store.DirOf(id);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (ExitStatusFile.TryRead(dir) is { } status) return status;
            if (!Directory.Exists(dir) || ExitStatusFile.TryReadSupervisorPid(dir) is not { } pid) return null;
            if (!ContainerStatusProbe.IsAlive(pid, 0, "/proc")) return ExitStatusFile.TryRead(dir);
            if (DateTime.UtcNow >= deadline) return null;
            if (cancel.WaitHandle.WaitOne(5)) return null;
        }
    }
}
