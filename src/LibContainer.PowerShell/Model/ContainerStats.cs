namespace LibContainer.PowerShell;

/// <summary>One stats sample of one container (Get-ContainerStats).</summary>
public sealed class ContainerStats
{
    public string Name { get; internal set; } = "";
    public string Id { get; internal set; } = "";
    public DateTime Timestamp { get; internal set; }
    /// <summary>CPU use between this sample and the previous one, in percent of one CPU (null for a first sample).</summary>
    public double? CpuPercent { get; internal set; }
    public ulong CpuUsageNanoseconds { get; internal set; }
    public ulong MemoryUsageBytes { get; internal set; }
    /// <summary>Memory limit in bytes (null: unlimited).</summary>
    public ulong? MemoryLimitBytes { get; internal set; }
    public ulong MemoryMaxUsageBytes { get; internal set; }
    public ulong OomKills { get; internal set; }
    public ulong Pids { get; internal set; }
    public ulong? PidsLimit { get; internal set; }
    public ulong BlockReadBytes { get; internal set; }
    public ulong BlockWriteBytes { get; internal set; }
    public ulong NetworkRxBytes { get; internal set; }
    public ulong NetworkTxBytes { get; internal set; }
    public IReadOnlyList<NetworkInterfaceSample> Interfaces { get; internal set; } = [];
    /// <summary>Everything Core read from the cgroup (per-CPU usage, memory.stat, hugetlb, block I/O per device).</summary>
    public LibContainer.Stats.ContainerStats? Cgroup { get; internal set; }

    public override string ToString() => Name;
}

/// <summary>Counters of one network interface inside the container.</summary>
public sealed class NetworkInterfaceSample
{
    public string Name { get; internal set; } = "";
    public ulong RxBytes { get; internal set; }
    public ulong RxPackets { get; internal set; }
    public ulong TxBytes { get; internal set; }
    public ulong TxPackets { get; internal set; }

    public override string ToString() => Name;
}
