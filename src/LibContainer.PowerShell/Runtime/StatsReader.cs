using LibContainer.Network;
using LibContainer.Stats;

namespace LibContainer.PowerShell.Runtime;

/// <summary>One stats sample of a container: Core's cgroup statistics plus the interfaces of /proc/PID/net/dev.</summary>
internal static class StatsReader
{
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
            MemoryLimitBytes = StatsLimit.OrNull(core.Memory.Limit),
            MemoryMaxUsageBytes = core.Memory.MaxUsage,
            OomKills = core.Memory.OomKillCount,
            Pids = core.Pids.Current,
            PidsLimit = StatsLimit.OrNull(core.Pids.Limit),
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
        List<NetworkInterfaceStats> stats;
        try { stats = NetworkStats.Read(pid, includeLoopback: true); }
        catch (Exception e) when (e is SyscallException or IOException or UnauthorizedAccessException) { return []; } // it stopped meanwhile
        return stats.Select(i => new NetworkInterfaceSample
            { Name = i.Name, RxBytes = i.RxBytes, RxPackets = i.RxPackets, TxBytes = i.TxBytes, TxPackets = i.TxPackets }).ToList();
    }
}
