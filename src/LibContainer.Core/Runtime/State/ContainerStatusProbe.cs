using LibContainer.Interop;

namespace LibContainer.Runtime;

/// <summary>Live status of a container: the recorded init must still exist with the same start time (no pid reuse);
/// the exec fifo present means created; a recorded pause means paused.</summary>
public static class ContainerStatusProbe
{
    public const string Creating = "creating", Created = "created", Running = "running", Paused = "paused", Stopped = "stopped";

    public static string Status(ContainerStateRecord record, StateStore store)
    {
        if (!IsAlive(record.Pid, record.PidStartTime, "/proc")) return Stopped;
        if (record.Status == Creating) return Creating; // a create still running, or killed: delete --force removes it
        if (File.Exists(store.ExecFifoPath(record.Id))) return Created;
        if (record.Status == Paused) return Paused;
        return Running;
    }

    public static bool IsAlive(int pid, ulong startTime, string procRoot)
    {
        if (pid <= 0) return false;
        var stat = ReadStat(pid, procRoot);
        return stat is { } s && s.State != 'Z' && s.State != 'X' && (startTime == 0 || s.StartTime == startTime);
    }

    /// <summary>Field 3 (state) and field 22 (starttime) of /proc/pid/stat; null when the process is gone.</summary>
    public static (char State, ulong StartTime)? ReadStat(int pid, string procRoot = "/proc")
    {
        string text;
        try { text = File.ReadAllText($"{procRoot}/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        return ParseStat(text);
    }

    public static (char State, ulong StartTime)? ParseStat(string text)
    {
        int close = text.LastIndexOf(')');
        if (close < 0) return null;
        var fields = text.Substring(close + 2).Split(' ');
        // fields[0] is field 3 (state); field 22 is fields[19].
        if (fields.Length < 20 || !ulong.TryParse(fields[19], out var start)) return null;
        return (fields[0][0], start);
    }
}
