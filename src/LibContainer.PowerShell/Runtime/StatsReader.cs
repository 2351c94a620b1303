namespace LibContainer.PowerShell.Runtime;

/// <summary>One stats sample of a container: Core's cgroup statistics plus the interfaces of /proc/PID/net/dev.</summary>
internal static class StatsReader
{
    private const ulong Unlimited = 1UL << 62;

    public static ContainerStatsSample Read(Container c)
    {
        var core = Lifecycle.Cgroup(c).GetStats();
        var s = new ContainerStatsSample
        {
            Name = c.Name,
            Id = c.Id,
            Timestamp = DateTime.UtcNow,
            CpuUsageNanoseconds = core.Cpu.TotalUsage,
            MemoryUsageBytes = core.Memory.Usage,
            MemoryLimitBytes = core.Memory.Limit is > 0 and < Unlimited ? core.Memory.Limit : null,
            MemoryMaxUsageBytes = core.Memory.MaxUsage,
            OomKills = core.Memory.OomKillCount,
            Pids = core.Pids.Current,
            PidsLimit = core.Pids.Limit > 0 ? core.Pids.Limit : null,
            BlockReadBytes = Sum(core.BlockIo.ServiceBytes, "Read"),
            BlockWriteBytes = Sum(core.BlockIo.ServiceBytes, "Write"),
            Interfaces = c.Pid > 0 ? NetDev(c.Pid) : [],
            Cgroup = core,
        };
        foreach (var i in s.Interfaces.Where(i => i.Name != "lo"))
        {
            s.NetworkRxBytes += i.RxBytes;
            s.NetworkTxBytes += i.TxBytes;
        }
        return s;
    }

    private static ulong Sum(IEnumerable<LibContainer.Stats.BlockIoEntry> entries, string op) =>
        entries.Where(e => string.Equals(e.Op, op, StringComparison.OrdinalIgnoreCase)).Aggregate(0UL, (a, e) => a + e.Value);

    private static List<NetworkInterfaceSample> NetDev(int pid)
    {
        var list = new List<NetworkInterfaceSample>();
        string[] lines;
        try { lines = File.ReadAllLines($"/proc/{pid}/net/dev"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return list; }
        foreach (var line in lines.Skip(2))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var f = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10) continue;
            list.Add(new NetworkInterfaceSample
            {
                Name = line[..colon].Trim(), RxBytes = ulong.Parse(f[0]), RxPackets = ulong.Parse(f[1]),
                TxBytes = ulong.Parse(f[8]), TxPackets = ulong.Parse(f[9]),
            });
        }
        return list;
    }
}
