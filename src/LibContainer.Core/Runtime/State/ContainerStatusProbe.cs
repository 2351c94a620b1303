using LibContainer.Interop;

namespace LibContainer.Runtime;

/// <summary>Live status of a container: the recorded init must still exist with the same start time (no pid reuse);
/// the exec fifo present means created; a recorded pause means paused.</summary>
public static class ContainerStatusProbe
{
    public static ContainerState Status(ContainerStateRecord record, StateStore store)
    {
        if (!IsAlive(record.Pid, record.PidStartTime, "/proc")) return ContainerState.Stopped;
        if (record.Status == ContainerState.Creating) return ContainerState.Creating; // a create still running, or killed: delete --force removes it
        if (File.Exists(store.ExecFifoPath(record.Id))) return ContainerState.Created;
        if (record.Status == ContainerState.Paused) return ContainerState.Paused;
        return ContainerState.Running;
    }

    public static bool IsAlive(int pid, ulong startTime, string procRoot)
    {
        if (pid <= 0) return false;
        var stat = ProcStat.Read(pid, procRoot);
        return stat is { } s && s.State != 'Z' && s.State != 'X' && (startTime == 0 || s.StartTime == startTime);
    }
}
