using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Config;

/// <summary>ConfigSupport: the one "applied / refused here" decision, against hosts described by hand.</summary>
public sealed class ConfigSupportTests
{
    private static readonly HostFacts Bare = new(ulong.MaxValue & ~(1UL << 24), AppArmor: false, Selinux: false); // no CAP_SYS_RESOURCE
    private static readonly HostFacts Full = new(ulong.MaxValue, AppArmor: true, Selinux: true);

    [Fact]
    public void A_Capability_Outside_The_Bounding_Set_Is_Refused_With_Its_Path()
    {
        var spec = SpecDefaults.Create();
        spec.Process!.Capabilities!.Ambient = new() { "CAP_KILL", "CAP_SYS_RESOURCE" };
        var e = Assert.Single(ConfigSupport.Refusals(spec, Bare));
        Assert.Equal("process.capabilities.ambient[1]", e.Path);
        Assert.Contains("CAP_SYS_RESOURCE", e.Message);
        Assert.Empty(ConfigSupport.Refusals(spec, Full));
    }

    [Fact]
    public void Labels_Are_Refused_Without_The_Lsm_Except_For_A_Seed_Config()
    {
        var spec = SpecDefaults.Create();
        spec.Process!.ApparmorProfile = "docker-default";
        spec.Process.SelinuxLabel = "system_u:system_r:container_t:s0";
        spec.Linux!.MountLabel = "system_u:object_r:container_file_t:s0";
        Assert.Equal(new[] { "process.apparmorProfile", "process.selinuxLabel", "linux.mountLabel" },
            ConfigSupport.Refusals(spec, Bare).Select(e => e.Path));
        Assert.Empty(ConfigSupport.Refusals(spec, Full));
        spec.Format = ConfigFormat.Seed;
        Assert.Empty(ConfigSupport.Refusals(spec, Bare));
        spec.Format = ConfigFormat.Oci;
        spec.Process.ApparmorProfile = "unconfined";
        Assert.DoesNotContain(ConfigSupport.Refusals(spec, Bare), e => e.Path == "process.apparmorProfile");
    }

    [Fact]
    public void Refused_Fields_Say_Why_And_IsApplied_Follows_The_Host()
    {
        var spec = SpecDefaults.Create();
        spec.Linux!.IntelRdt = new IntelRdt { ClosId = "g" };
        spec.Linux.Personality = new LinuxPersonality { Domain = "LINUX", Flags = new() { "x" } };
        var errors = ConfigSupport.Refusals(spec, Full);
        Assert.Equal(new[] { "linux.intelRdt", "linux.personality.flags" }, errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.StartsWith("refused: ", e.Message));
        Assert.False(ConfigSupport.IsApplied("linux.intelRdt", Full));
        Assert.False(ConfigSupport.IsApplied("process.apparmorProfile", Bare));
        Assert.True(ConfigSupport.IsApplied("process.apparmorProfile", Full));
        Assert.True(ConfigSupport.IsApplied("linux.memoryPolicy", Bare));
    }
}
