using LibContainer.Runtime;

namespace LibContainer.PowerShell.Runtime;

/// <summary>The processes of a container: pids from its cgroup (Core), details from /proc.</summary>
internal static class ContainerProcesses
{
    public static IReadOnlyList<int> Pids(Container c) => Lifecycle.Pids(c).Order().ToList();

    public static ContainerProcess? Describe(Container c, int pid)
    {
        if (ProcStat.Read(pid) is not { } stat) return null;
        string cmdline;
        try { cmdline = File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Replace('\0', ' '); }
        catch (IOException) { cmdline = ""; }
        return new ContainerProcess
        {
            ContainerName = c.Name,
            ContainerId = c.Id,
            Pid = pid,
            ContainerPid = NamespacePid(pid),
            ParentPid = stat.ParentPid,
            ProcessName = stat.Comm,
            CommandLine = cmdline.Length > 0 ? cmdline : $"[{stat.Comm}]",
            StateCode = stat.State,
            ResidentBytes = stat.RssPages * Environment.SystemPageSize,
            CpuTime = TimeSpan.FromSeconds((stat.UserTicks + stat.SystemTicks) / 100.0),
        };
    }

    /// <summary>The innermost pid from /proc/PID/status NSpid (the pid inside the container).</summary>
    private static int NamespacePid(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("NSpid:", StringComparison.Ordinal))
                    return int.Parse(line.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[^1]);
        }
        catch (IOException) { }
        return 0;
    }
}
