using System.Text.Json;
using LibContainer.Stats;
using Xunit;

namespace LibContainer.Tests.Cgroups;

public class RuncEventJsonTests
{
    [Fact]
    public void Stats_HasRuncsFieldNames()
    {
        var s = new ContainerStats
        {
            Cpu = { TotalUsage = 4259211053, PerCpuUsage = { 2134770297, 2124440756 }, UserUsage = 3100000000, SystemUsage = 1150000000, ThrottlingPeriods = 220, ThrottledPeriods = 37, ThrottledTime = 3361236473 },
            Memory = { Usage = 6651904, MaxUsage = 16777216, Limit = 16777216, Failcnt = 1893, Cache = 4730880, SwapLimit = 16777216, Raw = { ["rss"] = 1245184 } },
            Pids = { Current = 7, Limit = 100 },
            BlockIo = { ServiceBytes = { new BlockIoEntry { Major = 8, Minor = 0, Op = "Read", Value = 1597440 } } },
            Hugetlb = { new HugetlbStats { PageSize = "2MB", Usage = 2097152, MaxUsage = 4194304, Failcnt = 3 } },
        };
        var json = RuncEvents.ToJson(RuncEvents.FromStats("c1", s));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("stats", root.GetProperty("type").GetString());
        Assert.Equal("c1", root.GetProperty("id").GetString());
        var d = root.GetProperty("data");
        var usage = d.GetProperty("cpu").GetProperty("usage");
        Assert.Equal(4259211053UL, usage.GetProperty("total").GetUInt64());
        Assert.Equal(2, usage.GetProperty("percpu").GetArrayLength());
        Assert.Equal(1150000000UL, usage.GetProperty("kernel").GetUInt64());
        Assert.Equal(3100000000UL, usage.GetProperty("user").GetUInt64());
        var thr = d.GetProperty("cpu").GetProperty("throttling");
        Assert.Equal(37UL, thr.GetProperty("throttledPeriods").GetUInt64());
        Assert.Equal(3361236473UL, thr.GetProperty("throttledTime").GetUInt64());
        var mem = d.GetProperty("memory");
        Assert.Equal(4730880UL, mem.GetProperty("cache").GetUInt64());
        Assert.Equal(16777216UL, mem.GetProperty("usage").GetProperty("max").GetUInt64());
        Assert.Equal(1893UL, mem.GetProperty("usage").GetProperty("failcnt").GetUInt64());
        Assert.Equal(6651904UL, mem.GetProperty("swap").GetProperty("usage").GetUInt64());
        Assert.Equal(1245184UL, mem.GetProperty("raw").GetProperty("rss").GetUInt64());
        Assert.Equal(7UL, d.GetProperty("pids").GetProperty("current").GetUInt64());
        var bio = d.GetProperty("blkio").GetProperty("ioServiceBytesRecursive")[0];
        Assert.Equal("Read", bio.GetProperty("op").GetString());
        Assert.Equal(3UL, d.GetProperty("hugetlb").GetProperty("2MB").GetProperty("failcnt").GetUInt64());
        Assert.False(d.GetProperty("blkio").TryGetProperty("ioServicedRecursive", out _));
    }

    [Fact]
    public void Oom_HasNoData()
    {
        Assert.Equal("{\"type\":\"oom\",\"id\":\"c1\"}", RuncEvents.ToJson(RuncEvents.Oom("c1")));
    }

    [Fact]
    public void ZeroFields_FollowRuncsOmitempty()
    {
        var json = RuncEvents.ToJson(RuncEvents.FromStats("c1", new ContainerStats()));
        Assert.Contains("\"usage\":{\"kernel\":0,\"user\":0}", json);
        Assert.Contains("\"usage\":{\"limit\":0,\"failcnt\":0}", json);
        Assert.Contains("\"pids\":{}", json);
        Assert.Contains("\"network_interfaces\":null", json);
    }

    [Fact]
    public void Written_Byte_For_Byte_Like_The_Serializer()
    {
        var full = new ContainerStats
        {
            Cpu = { TotalUsage = 1, PerCpuUsage = { 2, 3 }, UserUsage = 4, SystemUsage = 5, ThrottlingPeriods = 6, ThrottledPeriods = 7, ThrottledTime = 8 },
            Memory = { Usage = 9, MaxUsage = 10, Limit = ulong.MaxValue, Failcnt = 11, Cache = 12, SwapLimit = 13, SwapUsage = 14, Raw = { ["rss"] = 15, ["a\"<b>"] = 0 } },
            Pids = { Current = 16, Limit = 17 },
            BlockIo =
            {
                ServiceBytes = { new BlockIoEntry { Major = 8, Minor = 0, Op = "Read", Value = 18 }, new BlockIoEntry() },
                Serviced = { new BlockIoEntry { Major = 0, Minor = 1, Op = "Write", Value = 0 } },
            },
            Hugetlb = { new HugetlbStats { PageSize = "2MB", Usage = 19, MaxUsage = 20, Failcnt = 21 }, new HugetlbStats { PageSize = "1GB" } },
            Network = { new NetworkInterfaceStats { Name = "eth0", RxBytes = 1, RxPackets = 2, RxErrors = 3, RxDropped = 4, TxBytes = 5, TxPackets = 6, TxErrors = 7, TxDropped = 8 } },
        };
        RuncEvent[] events =
        [
            RuncEvents.FromStats("c1", full), RuncEvents.FromStats("c\"é<", new ContainerStats()), RuncEvents.Oom("c1"),
            new RuncEvent { Type = "stats", Id = "x", Data = new RuncStats { Hugetlb = new() { ["2MB"] = null! } } },
        ];
        foreach (var e in events)
            Assert.Equal(JsonSerializer.Serialize(e, RuncEventJsonContext.Default.RuncEvent), RuncEvents.ToJson(e));
    }
}
