using System.Text.Json;

namespace LibContainer.PowerShell.Runtime;

/// <summary>The processes of a container: pids from its cgroup (or `nsinit ps`), details from /proc.</summary>
internal static class ContainerProcesses
{
    private static readonly string[] PreferredControllers = ["pids", "memory", "cpu", "cpuacct", "freezer", "unified", ""];

    public static IReadOnlyList<int> Pids(Container c, CancellationToken cancel)
    {
        foreach (var key in PreferredControllers)
        {
            if (!c.CgroupPaths.TryGetValue(key, out var dir)) continue;
            var procs = Path.Combine(dir, "cgroup.procs");
            if (!File.Exists(procs)) continue;
            try
            {
                return File.ReadAllLines(procs).Where(l => l.Length > 0).Select(int.Parse).Order().ToList();
            }
            catch (IOException) { }
        }
        var json = Nsinit.Run(c.StateRoot, ["ps", "--format", "json", c.Id], c.Id, cancel);
        return JsonSerializer.Deserialize<int[]>(json) ?? [];
    }

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
