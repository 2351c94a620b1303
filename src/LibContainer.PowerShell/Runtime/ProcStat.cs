namespace LibContainer.PowerShell.Runtime;

/// <summary>The few fields of /proc/PID/stat the module needs.</summary>
internal readonly record struct ProcStat(int Pid, string Comm, char State, int ParentPid, ulong UserTicks, ulong SystemTicks, ulong StartTime, long RssPages)
{
    public static ProcStat? Read(int pid, string procRoot = "/proc")
    {
        string text;
        try { text = File.ReadAllText($"{procRoot}/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        // comm may hold spaces and parentheses: it ends at the last ')'.
        var open = text.IndexOf('(');
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open) return null;
        var f = text[(close + 2)..].Split(' ');
        if (f.Length < 22) return null;
        // f[0] is field 3 (state); field N is f[N - 3].
        return new ProcStat(pid, text[(open + 1)..close], f[0][0], int.Parse(f[1]), ulong.Parse(f[11]), ulong.Parse(f[12]),
            ulong.Parse(f[19]), long.Parse(f[21]));
    }
}
