using System.Text.Json;
using System.Text.Json.Serialization;

namespace LibContainer.Stats;

// The JSON that `runc events` prints (runc's types.Event / types.Stats), so tools written for runc read ours.
// Fields runc marks omitempty are left out when zero; the rest are always written.

public sealed class RuncEvent
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("data"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public RuncStats? Data { get; set; }
}

public sealed class RuncStats
{
    [JsonPropertyName("cpu")] public RuncCpu Cpu { get; set; } = new();
    [JsonPropertyName("memory")] public RuncMemory Memory { get; set; } = new();
    [JsonPropertyName("pids")] public RuncPids Pids { get; set; } = new();
    [JsonPropertyName("blkio")] public RuncBlkio Blkio { get; set; } = new();
    [JsonPropertyName("hugetlb")] public Dictionary<string, RuncHugetlb> Hugetlb { get; set; } = new();
    [JsonPropertyName("network_interfaces")] public List<NetworkInterfaceStats>? NetworkInterfaces { get; set; }
}

public sealed class RuncCpu
{
    [JsonPropertyName("usage")] public RuncCpuUsage Usage { get; set; } = new();
    [JsonPropertyName("throttling")] public RuncThrottling Throttling { get; set; } = new();
}

public sealed class RuncCpuUsage
{
    [JsonPropertyName("total"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Total { get; set; }
    [JsonPropertyName("percpu"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<ulong>? Percpu { get; set; }
    [JsonPropertyName("kernel")] public ulong Kernel { get; set; }
    [JsonPropertyName("user")] public ulong User { get; set; }
}

public sealed class RuncThrottling
{
    [JsonPropertyName("periods"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Periods { get; set; }
    [JsonPropertyName("throttledPeriods"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong ThrottledPeriods { get; set; }
    [JsonPropertyName("throttledTime"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong ThrottledTime { get; set; }
}

public sealed class RuncMemoryEntry
{
    [JsonPropertyName("limit")] public ulong Limit { get; set; }
    [JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Usage { get; set; }
    [JsonPropertyName("max"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Max { get; set; }
    [JsonPropertyName("failcnt")] public ulong Failcnt { get; set; }
}

public sealed class RuncMemory
{
    [JsonPropertyName("cache"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Cache { get; set; }
    [JsonPropertyName("usage")] public RuncMemoryEntry Usage { get; set; } = new();
    [JsonPropertyName("swap")] public RuncMemoryEntry Swap { get; set; } = new();
    [JsonPropertyName("raw"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, ulong>? Raw { get; set; }
}

public sealed class RuncPids
{
    [JsonPropertyName("current"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Current { get; set; }
    [JsonPropertyName("limit"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Limit { get; set; }
}

public sealed class RuncBlkioEntry
{
    [JsonPropertyName("major"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Major { get; set; }
    [JsonPropertyName("minor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Minor { get; set; }
    [JsonPropertyName("op"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Op { get; set; }
    [JsonPropertyName("value"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Value { get; set; }
}

public sealed class RuncBlkio
{
    [JsonPropertyName("ioServiceBytesRecursive"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<RuncBlkioEntry>? IoServiceBytesRecursive { get; set; }
    [JsonPropertyName("ioServicedRecursive"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<RuncBlkioEntry>? IoServicedRecursive { get; set; }
}

public sealed class RuncHugetlb
{
    [JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Usage { get; set; }
    [JsonPropertyName("max"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Max { get; set; }
    [JsonPropertyName("failcnt")] public ulong Failcnt { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(RuncEvent))]
public sealed partial class RuncEventJsonContext : JsonSerializerContext;

/// <summary>Builds and serialises `runc events` objects.</summary>
public static class RuncEvents
{
    /// <summary>{"type":"stats","id":…,"data":{…}} for one stats sample.</summary>
    public static RuncEvent FromStats(string id, ContainerStats s) => new() { Type = "stats", Id = id, Data = ToRunc(s) };

    /// <summary>{"type":"oom","id":…} for one OOM kill.</summary>
    public static RuncEvent Oom(string id) => new() { Type = "oom", Id = id };

    /// <summary>One line of JSON (no trailing newline).</summary>
    public static string ToJson(RuncEvent e) => RuncEventJson.ToJson(e);

    public static RuncStats ToRunc(ContainerStats s)
    {
        var r = new RuncStats();
        r.Cpu.Usage = new RuncCpuUsage
        {
            Total = s.Cpu.TotalUsage,
            Percpu = s.Cpu.PerCpuUsage.Count > 0 ? s.Cpu.PerCpuUsage : null,
            Kernel = s.Cpu.SystemUsage,
            User = s.Cpu.UserUsage,
        };
        r.Cpu.Throttling = new RuncThrottling
        {
            Periods = s.Cpu.ThrottlingPeriods, ThrottledPeriods = s.Cpu.ThrottledPeriods, ThrottledTime = s.Cpu.ThrottledTime,
        };
        var m = s.Memory;
        r.Memory.Cache = m.Cache;
        r.Memory.Usage = new RuncMemoryEntry { Limit = m.Limit, Usage = m.Usage, Max = m.MaxUsage, Failcnt = m.Failcnt };
        // runc reports swap as memory+swap (v1 memsw), whatever the cgroup version.
        r.Memory.Swap = new RuncMemoryEntry { Limit = m.SwapLimit, Usage = m.Usage + m.SwapUsage };
        r.Memory.Raw = m.Raw.Count > 0 ? m.Raw : null;
        // runc reports an unlimited pids.max as 0.
        r.Pids = new RuncPids { Current = s.Pids.Current, Limit = StatsLimit.OrNull(s.Pids.Limit) ?? 0 };
        r.Blkio.IoServiceBytesRecursive = Entries(s.BlockIo.ServiceBytes);
        r.Blkio.IoServicedRecursive = Entries(s.BlockIo.Serviced);
        foreach (var h in s.Hugetlb) r.Hugetlb[h.PageSize] = new RuncHugetlb { Usage = h.Usage, Max = h.MaxUsage, Failcnt = h.Failcnt };
        if (s.Network.Count > 0)
            r.NetworkInterfaces = s.Network; // runc writes these with Go's default field names, which ours match
        return r;
    }

    private static List<RuncBlkioEntry>? Entries(List<BlockIoEntry> list) =>
        list.Count == 0 ? null : list.Select(e => new RuncBlkioEntry { Major = e.Major, Minor = e.Minor, Op = e.Op, Value = e.Value }).ToList();
}
