using LibContainer.Stats;

namespace LibContainer.PowerShell.Runtime;

/// <summary>One stats sample of a container: Core's stats (what `nsinit events --stats` reads: the cgroup, and the
/// interfaces of the container's own network namespace).</summary>
internal static class StatsReader
{
    public static ContainerStatsSample Read(Container c)
    {
        var core = Lifecycle.Stats(c);
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
            Interfaces = core.Network.Select(i => new NetworkInterfaceSample
            {
                Name = i.Name, RxBytes = i.RxBytes, RxPackets = i.RxPackets, TxBytes = i.TxBytes, TxPackets = i.TxPackets,
            }).ToList(),
            Cgroup = core,
        };
        foreach (var i in s.Interfaces)
        {
            s.NetworkRxBytes += i.RxBytes;
            s.NetworkTxBytes += i.TxBytes;
        }
        return s;
    }

    private static ulong Sum(IEnumerable<LibContainer.Stats.BlockIoEntry> entries, string op) =>
        entries.Where(e => string.Equals(e.Op, op, StringComparison.OrdinalIgnoreCase)).Aggregate(0UL, (a, e) => a + e.Value);
}
