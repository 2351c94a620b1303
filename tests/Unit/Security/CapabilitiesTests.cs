using LibContainer.Config;
using LibContainer.Security;
using Xunit;

namespace LibContainer.Tests.Security;

public class CapabilitiesTests
{
    [Theory]
    [InlineData("CAP_CHOWN", 0)]
    [InlineData("chown", 0)]
    [InlineData("cap_sys_admin", 21)]
    [InlineData("Sys_Admin", 21)]
    [InlineData(" CAP_NET_RAW ", 13)]
    [InlineData("CAP_CHECKPOINT_RESTORE", 40)]
    [InlineData("BPF", 39)]
    public void TryParse_accepts_names_with_or_without_prefix(string name, int expected)
    {
        Assert.True(Capabilities.TryParse(name, out var cap));
        Assert.Equal(expected, cap);
    }

    [Theory]
    [InlineData("CAP_FOO")]
    [InlineData("CAP_")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("21")]
    public void TryParse_rejects_unknown(string? name) => Assert.False(Capabilities.TryParse(name, out _));

    [Fact]
    public void Names_cover_0_to_40_and_round_trip()
    {
        for (var i = 0; i <= Capabilities.MaxKnown; i++)
        {
            var name = Capabilities.Name(i);
            Assert.StartsWith("CAP_", name);
            Assert.True(Capabilities.TryParse(name, out var back));
            Assert.Equal(i, back);
        }
        Assert.Equal("CAP_41", Capabilities.Name(41));
    }

    [Fact]
    public void DefaultSet_is_runcs_14_caps()
    {
        Assert.Equal(14, Capabilities.DefaultSet.Count);
        Assert.Equal(Capabilities.DefaultMask, Capabilities.ToMask(Capabilities.DefaultSet, "x", 40));
        Assert.Equal(0xa80425fbUL, Capabilities.DefaultMask);
    }

    [Fact]
    public void Format_lists_names_in_bit_order()
    {
        Assert.Equal("", Capabilities.Format(0));
        Assert.Equal("CAP_CHOWN,CAP_KILL,CAP_SYS_ADMIN", Capabilities.Format((1UL << 0) | (1UL << 5) | (1UL << 21)));
    }

    [Fact]
    public void Resolve_builds_all_five_masks()
    {
        var caps = new LinuxCapabilities
        {
            Bounding = ["CAP_CHOWN", "KILL", "CAP_NET_BIND_SERVICE"],
            Effective = ["CAP_KILL"],
            Permitted = ["CAP_KILL", "CAP_CHOWN"],
            Inheritable = ["CAP_NET_BIND_SERVICE"],
            Ambient = ["net_bind_service"],
        };
        var s = Capabilities.Resolve(caps, 40);
        Assert.Equal((1UL << 0) | (1UL << 5) | (1UL << 10), s.Bounding);
        Assert.Equal(1UL << 5, s.Effective);
        Assert.Equal((1UL << 0) | (1UL << 5), s.Permitted);
        Assert.Equal(1UL << 10, s.Inheritable);
        Assert.Equal(1UL << 10, s.Ambient);
    }

    [Fact]
    public void Resolve_null_means_no_capabilities() => Assert.Equal(default, Capabilities.Resolve(null, 40));

    [Fact]
    public void Unknown_capability_names_the_set_and_index()
    {
        var caps = new LinuxCapabilities { Bounding = ["CAP_CHOWN", "CAP_KILL", "CAP_SETUID", "CAP_FOO"] };
        var ex = Assert.Throws<ContainerException>(() => Capabilities.Resolve(caps, 40));
        Assert.Equal(ContainerErrorKind.ConfigInvalid, ex.Kind);
        Assert.Equal("process.capabilities.bounding[3]: unknown capability \"CAP_FOO\"", ex.Message);

        ex = Assert.Throws<ContainerException>(() => Capabilities.Resolve(new LinuxCapabilities { Ambient = ["nope"] }, 40));
        Assert.Equal("process.capabilities.ambient[0]: unknown capability \"nope\"", ex.Message);
    }

    [Fact]
    public void Caps_above_the_kernels_last_cap_are_skipped()
    {
        var caps = new LinuxCapabilities { Effective = ["CAP_BPF", "CAP_CHECKPOINT_RESTORE", "CAP_SYSLOG"] };
        var s = Capabilities.Resolve(caps, 37);
        Assert.Equal(1UL << 34, s.Effective);
        Assert.Equal(["CAP_BPF", "CAP_CHECKPOINT_RESTORE"], Capabilities.Unavailable(caps, 37));
        Assert.Empty(Capabilities.Unavailable(caps, 40));
        Assert.Equal("ignoring unknown or unavailable capabilities: CAP_BPF, CAP_CHECKPOINT_RESTORE (this kernel's last capability is CAP_AUDIT_READ)",
            Capabilities.UnavailableWarning(caps, 37));
        Assert.Null(Capabilities.UnavailableWarning(caps, 40));
    }

    [Fact]
    public void ToDrop_lists_caps_outside_bounding_up_to_last_cap()
    {
        var drop = Capabilities.ToDrop(Capabilities.AllMask(40) & ~(1UL << 21) & ~(1UL << 3), 40);
        Assert.Equal([3, 21], drop);
        Assert.Equal(41, Capabilities.ToDrop(0, 40).Length);
        Assert.Equal(38, Capabilities.ToDrop(0, 37).Length);
    }

    [Fact]
    public void AllMask_matches_kernel_width() => Assert.Equal(0x1ffffffffffUL, Capabilities.AllMask(40));

    [Fact]
    public void LastCap_reads_the_running_kernel()
    {
        var text = File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim();
        Assert.Equal(int.Parse(text), Capabilities.LastCap());
    }
}
