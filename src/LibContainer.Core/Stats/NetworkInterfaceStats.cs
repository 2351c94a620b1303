namespace LibContainer.Stats;

/// <summary>Counters of one network interface of a container (as /proc/PID/net/dev shows them inside its netns).</summary>
public sealed record NetworkInterfaceStats
{
    public required string Name { get; init; }
    public ulong RxBytes { get; init; }
    public ulong RxPackets { get; init; }
    public ulong RxErrors { get; init; }
    public ulong RxDropped { get; init; }
    public ulong TxBytes { get; init; }
    public ulong TxPackets { get; init; }
    public ulong TxErrors { get; init; }
    public ulong TxDropped { get; init; }
}
