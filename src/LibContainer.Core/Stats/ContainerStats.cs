namespace LibContainer.Stats;

/// <summary>One sample of a container's resource usage, read from its cgroup files (and its network devices).</summary>
public sealed class ContainerStats
{
    public string? ContainerId { get; set; }
    /// <summary>When the sample was taken (UTC).</summary>
    public DateTime Timestamp { get; set; } = DateTime.UtcNow;
    public CpuStats Cpu { get; set; } = new();
    public MemoryStats Memory { get; set; } = new();
    public PidsStats Pids { get; set; } = new();
    public BlockIoStats BlockIo { get; set; } = new();
    /// <summary>One entry per huge page size the host offers.</summary>
    public List<HugetlbStats> Hugetlb { get; set; } = new();
    /// <summary>Filled by the network code (the container's interfaces); empty from the cgroup drivers.</summary>
    public List<NetworkInterfaceStats> Network { get; set; } = new();
}

/// <summary>CPU time, in nanoseconds, since the cgroup was created.</summary>
public sealed class CpuStats
{
    public ulong TotalUsage { get; set; }
    public List<ulong> PerCpuUsage { get; set; } = new();
    public ulong UserUsage { get; set; }
    public ulong SystemUsage { get; set; }
    /// <summary>CFS enforcement periods that elapsed (quota set).</summary>
    public ulong ThrottlingPeriods { get; set; }
    /// <summary>Periods in which the cgroup ran out of quota.</summary>
    public ulong ThrottledPeriods { get; set; }
    /// <summary>Total time throttled, nanoseconds.</summary>
    public ulong ThrottledTime { get; set; }
}

/// <summary>The one "no limit" convention of every limit in these objects.</summary>
public static class StatsLimit
{
    /// <summary>A limit that is not set ("max", v1's huge value): ulong.MaxValue in <see cref="ContainerStats"/>.</summary>
    public const ulong Unlimited = ulong.MaxValue;

    /// <summary>The limit, or null when unlimited (how the module's objects show it).</summary>
    public static ulong? OrNull(ulong limit) => limit == Unlimited ? null : limit;
}

/// <summary>Memory in bytes. Limits are <see cref="StatsLimit.Unlimited"/> when not set.</summary>
public sealed class MemoryStats
{
    /// <summary>Usage excluding the page cache where the kernel reports it that way (v2 memory.current).</summary>
    public ulong Usage { get; set; }
    public ulong MaxUsage { get; set; }
    public ulong Limit { get; set; }
    public ulong Cache { get; set; }
    public ulong Rss { get; set; }
    public ulong SwapUsage { get; set; }
    public ulong SwapLimit { get; set; }
    /// <summary>Times the limit was hit (v1 memory.failcnt; v2 memory.events "max").</summary>
    public ulong Failcnt { get; set; }
    /// <summary>Processes the OOM killer killed in the cgroup (v1 memory.oom_control oom_kill; v2 memory.events oom_kill).</summary>
    public ulong OomKillCount { get; set; }
    /// <summary>memory.stat as is.</summary>
    public Dictionary<string, ulong> Raw { get; set; } = new();
}

public sealed class PidsStats
{
    public ulong Current { get; set; }
    /// <summary><see cref="StatsLimit.Unlimited"/> when not set ("max").</summary>
    public ulong Limit { get; set; }
}

/// <summary>Block I/O per device: bytes and operations, split by operation (Read, Write, Sync, Async, Discard, Total).</summary>
public sealed class BlockIoStats
{
    public List<BlockIoEntry> ServiceBytes { get; set; } = new();
    public List<BlockIoEntry> Serviced { get; set; } = new();
}

public sealed class BlockIoEntry
{
    public ulong Major { get; set; }
    public ulong Minor { get; set; }
    public string Op { get; set; } = "";
    public ulong Value { get; set; }
    public override string ToString() => $"{Major}:{Minor} {Op} {Value}";
}

public sealed class HugetlbStats
{
    /// <summary>The page size as the kernel names it in file names ("2MB", "1GB").</summary>
    public string PageSize { get; set; } = "";
    public ulong Usage { get; set; }
    public ulong MaxUsage { get; set; }
    public ulong Limit { get; set; }
    public ulong Failcnt { get; set; }
}

/// <summary>Counters of one network interface inside the container.</summary>
public sealed class NetworkInterfaceStats
{
    public string Name { get; set; } = "";
    public ulong RxBytes { get; set; }
    public ulong RxPackets { get; set; }
    public ulong RxErrors { get; set; }
    public ulong RxDropped { get; set; }
    public ulong TxBytes { get; set; }
    public ulong TxPackets { get; set; }
    public ulong TxErrors { get; set; }
    public ulong TxDropped { get; set; }
    public override string ToString() => Name;
}
