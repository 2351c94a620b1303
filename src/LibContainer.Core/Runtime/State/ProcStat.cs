using System.Globalization;

namespace LibContainer.Runtime;

/// <summary>The fields of /proc/PID/stat the runtime and the module use (proc(5) numbers them from 1).</summary>
public readonly record struct ProcStat(int Pid, string Comm, char State, int ParentPid, ulong UserTicks, ulong SystemTicks,
    ulong StartTime, long RssPages)
{
    /// <summary>The process's stat line, or null when it is gone or unreadable.</summary>
    public static ProcStat? Read(int pid, string procRoot = "/proc")
    {
        string? text;
        try { text = Interop.RuntimeSys.TryReadText($"{procRoot}/{pid}/stat"); }
        catch (SyscallException) { return null; }
        return text is null ? null : Parse(text);
    }

    /// <summary>Parses one stat line; null when it is malformed.</summary>
    public static ProcStat? Parse(string text)
    {
        // comm (field 2) may hold spaces and parentheses: it ends at the last ')'.
        int open = text.IndexOf('(');
        int close = text.LastIndexOf(')');
        if (open < 0 || close < open || close + 2 > text.Length) return null;
        var f = text[(close + 2)..].TrimEnd('\n').Split(' ');
        // f[0] is field 3 (state); field N is f[N - 3].
        if (f.Length < 22 || f[0].Length == 0) return null;
        var inv = CultureInfo.InvariantCulture;
        if (!int.TryParse(text.AsSpan(0, open).Trim(), NumberStyles.None, inv, out int pid) ||
            !int.TryParse(f[1], NumberStyles.AllowLeadingSign, inv, out int ppid) ||
            !ulong.TryParse(f[11], NumberStyles.None, inv, out ulong utime) ||
            !ulong.TryParse(f[12], NumberStyles.None, inv, out ulong stime) ||
            !ulong.TryParse(f[19], NumberStyles.None, inv, out ulong start) ||
            !long.TryParse(f[21], NumberStyles.AllowLeadingSign, inv, out long rss))
            return null;
        return new ProcStat(pid, text[(open + 1)..close], f[0][0], ppid, utime, stime, start, rss);
    }
}
