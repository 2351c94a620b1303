using LibContainer.Config;
using LibContainer.Security;
using Xunit;

namespace LibContainer.Tests.Security;

public class RlimitsTests
{
    [Fact]
    public void Table_has_all_16_in_kernel_order()
    {
        Assert.Equal(16, Rlimits.Count);
        Assert.Equal("RLIMIT_CPU", Rlimits.Name(0));
        Assert.Equal("RLIMIT_NOFILE", Rlimits.Name(7));
        Assert.Equal("RLIMIT_AS", Rlimits.Name(9));
        Assert.Equal("RLIMIT_RTTIME", Rlimits.Name(15));
        for (var i = 0; i < Rlimits.Count; i++)
        {
            Assert.True(Rlimits.TryParse(Rlimits.Name(i), out var back));
            Assert.Equal(i, back);
        }
    }

    [Theory]
    [InlineData("RLIMIT_NOFILE", 7)]
    [InlineData("nofile", 7)]
    [InlineData("rlimit_nproc", 6)]
    [InlineData("7", 7)]
    [InlineData("0", 0)]
    public void TryParse_accepts_names_and_seed_numbers(string type, int expected)
    {
        Assert.True(Rlimits.TryParse(type, out var r));
        Assert.Equal(expected, r);
    }

    [Theory]
    [InlineData("RLIMIT_FOO")]
    [InlineData("16")]
    [InlineData("-1")]
    [InlineData("")]
    public void TryParse_rejects_unknown(string type) => Assert.False(Rlimits.TryParse(type, out _));

    [Fact]
    public void Resolve_converts_in_order()
    {
        var r = Rlimits.Resolve([
            new PosixRlimit { Type = "RLIMIT_NOFILE", Soft = 1024, Hard = 4096 },
            new PosixRlimit { Type = "RLIMIT_CORE", Soft = 0, Hard = Rlimits.Infinity },
        ]);
        Assert.Equal([new ResolvedRlimit(7, 1024, 4096), new ResolvedRlimit(4, 0, ulong.MaxValue)], r);
        Assert.Equal("RLIMIT_NOFILE", r[0].Name);
        Assert.Empty(Rlimits.Resolve(null));
    }

    [Fact]
    public void Unknown_type_names_the_index()
    {
        var ex = Assert.Throws<ContainerException>(() => Rlimits.Resolve([
            new PosixRlimit { Type = "RLIMIT_NOFILE", Soft = 1, Hard = 1 },
            new PosixRlimit { Type = "RLIMIT_BOGUS", Soft = 1, Hard = 1 },
        ]));
        Assert.Equal(ContainerErrorKind.ConfigInvalid, ex.Kind);
        Assert.Equal("process.rlimits[1]: unknown rlimit type \"RLIMIT_BOGUS\"", ex.Message);
    }

    [Fact]
    public void Soft_above_hard_is_invalid()
    {
        var ex = Assert.Throws<ContainerException>(() => Rlimits.Resolve([new PosixRlimit { Type = "RLIMIT_NOFILE", Soft = 10, Hard = 5 }]));
        Assert.Equal(ContainerErrorKind.ConfigInvalid, ex.Kind);
        Assert.StartsWith("process.rlimits[0]: RLIMIT_NOFILE: soft limit 10 is greater than hard limit 5", ex.Message);
    }

    [Fact]
    public void Duplicates_are_invalid()
    {
        var ex = Assert.Throws<ContainerException>(() => Rlimits.Resolve([
            new PosixRlimit { Type = "RLIMIT_NOFILE", Soft = 1, Hard = 1 },
            new PosixRlimit { Type = "nofile", Soft = 1, Hard = 1 },
        ]));
        Assert.Contains("process.rlimits[1]", ex.Message);
    }

    [Fact]
    public void Format_shows_unlimited() => Assert.Equal("unlimited", Rlimits.Format(Rlimits.Infinity));

    // Setting an rlimit on the test host itself to its current values is harmless and proves the prlimit binding.
    [Fact]
    [Trait("Category", "Integration")]
    public void Apply_current_values_succeeds()
    {
        var (soft, hard) = Rlimits.Get(4); // RLIMIT_CORE
        Rlimits.Apply([new ResolvedRlimit(4, soft, hard)]);
        Assert.Equal((soft, hard), Rlimits.Get(4));
    }

    // This machine lacks CAP_SYS_RESOURCE: raising a hard limit above the current one fails, and the message
    // must say which rlimit and values. The limit is read back unchanged afterwards.
    [Fact]
    [Trait("Category", "Integration")]
    public void Raising_hard_limit_without_CAP_SYS_RESOURCE_names_the_rlimit()
    {
        var (soft, hard) = Rlimits.Get(7); // RLIMIT_NOFILE
        if (hard == Rlimits.Infinity) return;
        var hasSysResource = (CapEff() & (1UL << 24)) != 0;
        if (hasSysResource) return; // cannot provoke EPERM on a host that has the capability
        var ex = Assert.Throws<SyscallException>(() => Rlimits.Apply([new ResolvedRlimit(7, soft, hard * 2)]));
        Assert.Equal(Errno.EPERM, ex.Errno);
        Assert.Contains("RLIMIT_NOFILE", ex.Message);
        Assert.Contains($"hard={hard * 2}", ex.Message);
        Assert.Contains($"above {hard} needs CAP_SYS_RESOURCE", ex.Message);
        Assert.Equal((soft, hard), Rlimits.Get(7));
    }

    private static ulong CapEff()
    {
        foreach (var line in File.ReadAllLines("/proc/self/status"))
            if (line.StartsWith("CapEff:")) return Convert.ToUInt64(line[7..].Trim(), 16);
        return 0;
    }
}
