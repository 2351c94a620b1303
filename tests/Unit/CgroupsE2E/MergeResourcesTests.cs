using LibContainer.Config;
using LibContainer.Runtime;
using Xunit;

namespace LibContainer.Tests.CgroupsE2E;

/// <summary>How `update` records new limits in the container's config: field by field, lists and maps whole.</summary>
public sealed class MergeResourcesTests
{
    [Fact]
    public void Fields_Set_In_The_Update_Replace_Only_Themselves()
    {
        var current = new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 100, Reservation = 50 },
            Cpu = new LinuxCpu { Shares = 1024, Quota = 1000, Period = 100000 },
            Devices = new() { new LinuxDeviceCgroup { Allow = false, Access = "rwm" } },
            Unified = new() { ["memory.high"] = "1000", ["pids.max"] = "10" },
        };
        var update = new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 200 },
            Pids = new LinuxPids { Limit = 30 },
            Unified = new() { ["memory.high"] = "2000" },
        };
        var merged = ContainerOperations.MergeResources(current, update);
        Assert.Equal(200, merged.Memory!.Limit);
        Assert.Equal(50, merged.Memory.Reservation);
        Assert.Equal(1024UL, merged.Cpu!.Shares);
        Assert.Equal(30, merged.Pids!.Limit);
        Assert.Single(merged.Devices!);
        Assert.Equal(new Dictionary<string, string> { ["memory.high"] = "2000" }, merged.Unified);
        Assert.Equal(100, current.Memory.Limit); // inputs untouched
    }

    [Fact]
    public void Without_Current_Resources_The_Update_Is_Copied()
    {
        var update = new LinuxResources { Cpu = new LinuxCpu { Cpus = "0-1" } };
        var merged = ContainerOperations.MergeResources(null, update);
        Assert.NotSame(update, merged);
        Assert.Equal("0-1", merged.Cpu!.Cpus);
    }
}
