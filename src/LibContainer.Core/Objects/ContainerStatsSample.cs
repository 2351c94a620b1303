namespace LibContainer;

/// <summary>One stats sample of one container (Get-ContainerStats).</summary>
public sealed class ContainerStatsSample
{
    public string Name { get; set; } = "";
    public string Id { get; set; } = "";
    public DateTime Timestamp { get; set; }
    /// <summary>CPU use between this sample and the previous one, in percent of one CPU (null for a first sample).</summary>
    public double? CpuPercent { get; set; }
    public ulong CpuUsageNanoseconds { get; set; }
    public ulong MemoryUsageBytes { get; set; }
    /// <summary>Memory limit in bytes (null: unlimited).</summary>
    public ulong? MemoryLimitBytes { get; set; }
    public ulong MemoryMaxUsageBytes { get; set; }
    public ulong OomKills { get; set; }
    public ulong Pids { get; set; }
    public ulong? PidsLimit { get; set; }
    public ulong BlockReadBytes { get; set; }
    public ulong BlockWriteBytes { get; set; }
    public ulong NetworkRxBytes { get; set; }
    public ulong NetworkTxBytes { get; set; }
    public IReadOnlyList<NetworkInterfaceSample> Interfaces { get; set; } = [];
    /// <summary>Everything Core read from the cgroup (per-CPU usage, memory.stat, hugetlb, block I/O per device).</summary>
    public Stats.ContainerStats? Cgroup { get; set; }

    public override string ToString() => Name;
}

/// <summary>Counters of one network interface inside the container.</summary>
public sealed class NetworkInterfaceSample
{
    public string Name { get; set; } = "";
    public ulong RxBytes { get; set; }
    public ulong RxPackets { get; set; }
    public ulong TxBytes { get; set; }
    public ulong TxPackets { get; set; }

    public override string ToString() => Name;
}
