using LibContainer.Cgroups;
using Xunit;

namespace LibContainer.Tests.Cgroups;

public class CgroupConversionsTests
{
    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(2UL, 1UL)]
    [InlineData(1024UL, 39UL)]
    [InlineData(512UL, 20UL)]
    [InlineData(262144UL, 10000UL)]
    [InlineData(999999UL, 10000UL)]
    public void SharesToWeight(ulong shares, ulong weight) => Assert.Equal(weight, CgroupConversions.CpuSharesToWeight(shares));

    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(10UL, 1UL)]
    [InlineData(500UL, 4950UL)]
    [InlineData(1000UL, 10000UL)]
    public void BlkioWeightToIoWeight(ulong blkio, ulong io) => Assert.Equal(io, CgroupConversions.BlkioWeightToIoWeight(blkio));

    [Fact]
    public void SwapToV2_IsSwapMinusLimit()
    {
        Assert.Null(CgroupConversions.SwapToV2(null, 100));
        Assert.Null(CgroupConversions.SwapToV2(0, 100));
        Assert.Equal("max", CgroupConversions.SwapToV2(-1, 100));
        Assert.Equal("0", CgroupConversions.SwapToV2(100, 100));
        Assert.Equal("150", CgroupConversions.SwapToV2(250, 100));
        Assert.Throws<ContainerException>(() => CgroupConversions.SwapToV2(50, 100));
        Assert.Throws<ContainerException>(() => CgroupConversions.SwapToV2(50, null));
    }

    [Fact]
    public void CpuMax_KeepsTheOtherHalf()
    {
        Assert.Equal("50000 100000", CgroupConversions.CpuMax(50000, null));
        Assert.Equal("max 100000", CgroupConversions.CpuMax(-1, null));
        Assert.Equal("20000 50000", CgroupConversions.CpuMax(20000, 50000));
        Assert.Equal("30000 250000", CgroupConversions.CpuMax(null, 250000, "30000 100000"));
        Assert.Equal("max 250000", CgroupConversions.CpuMax(null, 250000, "max 100000"));
    }

    [Fact]
    public void Limits_AndNames()
    {
        Assert.Equal("max", CgroupConversions.PidsLimit(-1));
        Assert.Equal("max", CgroupConversions.PidsLimit(0));
        Assert.Equal("100", CgroupConversions.PidsLimit(100));
        Assert.Equal("max", CgroupConversions.V2Limit(-1));
        Assert.Equal("2MB", CgroupConversions.HugePageSizeName("2MB"));
        Assert.Equal("1GB", CgroupConversions.HugePageSizeName("1GB"));
        Assert.Equal("64KB", CgroupConversions.HugePageSizeName("64kB"));
        Assert.Equal("c 1:3 rwm", CgroupConversions.DeviceRule("c", 1, 3, "rwm"));
        Assert.Equal("a *:* rwm", CgroupConversions.DeviceRule(null, null, -1, null));
        Assert.Equal("b 8:* r", CgroupConversions.DeviceRule("b", 8, null, "r"));
    }
}
