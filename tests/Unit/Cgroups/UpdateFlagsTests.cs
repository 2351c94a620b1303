using LibContainer.Cgroups;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Cgroups;

public class UpdateFlagsTests
{
    [Theory]
    [InlineData("4096", 4096L)]
    [InlineData("512m", 536870912L)]
    [InlineData("512M", 536870912L)]
    [InlineData("1g", 1073741824L)]
    [InlineData("1GB", 1073741824L)]
    [InlineData("100k", 102400L)]
    [InlineData("1.5g", 1610612736L)]
    [InlineData("2MiB", 2097152L)]
    [InlineData("-1", -1L)]
    public void ParseSize(string text, long bytes) => Assert.Equal(bytes, UpdateFlags.ParseSize(text));

    [Fact]
    public void Apply_FillsTheResources()
    {
        var r = new LinuxResources();
        UpdateFlags.Apply(r, "--memory", "256m");
        UpdateFlags.Apply(r, "--memory-swap", "-1");
        UpdateFlags.Apply(r, "cpu-quota", "50000");
        UpdateFlags.Apply(r, "--cpu-period", "100000");
        UpdateFlags.Apply(r, "--cpu-share", "512");
        UpdateFlags.Apply(r, "--cpuset-cpus", "0-1");
        UpdateFlags.Apply(r, "--pids-limit", "100");
        UpdateFlags.Apply(r, "--blkio-weight", "300");
        Assert.Equal(268435456L, r.Memory!.Limit);
        Assert.Equal(-1L, r.Memory.Swap);
        Assert.Equal(50000L, r.Cpu!.Quota);
        Assert.Equal(100000UL, r.Cpu.Period);
        Assert.Equal(512UL, r.Cpu.Shares);
        Assert.Equal("0-1", r.Cpu.Cpus);
        Assert.Equal(100L, r.Pids!.Limit);
        Assert.Equal((ushort)300, r.BlockIO!.Weight);
    }

    [Fact]
    public void BadInput_IsAClearError()
    {
        var r = new LinuxResources();
        Assert.Contains("--nope", Assert.Throws<ContainerException>(() => UpdateFlags.Apply(r, "--nope", "1")).Message);
        Assert.Contains("--memory", Assert.Throws<ContainerException>(() => UpdateFlags.Apply(r, "--memory", "12x")).Message);
        Assert.Contains("--cpu-share", Assert.Throws<ContainerException>(() => UpdateFlags.Apply(r, "--cpu-share", "-5")).Message);
    }
}
