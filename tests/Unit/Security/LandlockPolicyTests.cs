using LibContainer.Config;
using LibContainer.Security.Landlock;
using Xunit;

namespace LibContainer.Tests.Security;

/// <summary>process.landlock against the kernel's ABI table (pure logic: any ABI can be asked about).</summary>
public sealed class LandlockPolicyTests
{
    private static Landlock Config(bool disableBestEffort) => new()
    {
        Ruleset = new LandlockRuleset { HandledAccessFS = ["read_file", "ioctl_dev", "write_file"], HandledAccessNetwork = ["bind_tcp"] },
        Rules = new LandlockRules
        {
            PathBeneath = [new LandlockPathBeneath { AllowedAccess = ["read_file", "ioctl_dev"], Paths = ["/dev"] }],
            NetPort = [new LandlockNetPort { AllowedAccess = ["bind_tcp"], Ports = [8080] }],
        },
        DisableBestEffort = disableBestEffort,
    };

    [Fact]
    public void Best_Effort_Drops_What_The_Abi_Lacks_With_A_Warning()
    {
        var warnings = new List<string>();
        var p = LandlockPolicy.Compile(Config(false), abi: 3, "process.landlock", warnings)!;
        Assert.Equal((1UL << 2) | (1UL << 1), p.HandledFs); // ioctl_dev (ABI 5) dropped
        Assert.Equal(0UL, p.HandledNet);                       // bind_tcp (ABI 4) dropped
        Assert.Equal([("/dev", 1UL << 2)], p.PathRules);
        Assert.Empty(p.PortRules);
        var w = Assert.Single(warnings);
        Assert.Contains("ABI 3 lacks ioctl_dev, bind_tcp", w);
        Assert.Empty(LandlockPolicy.AbiRefusals(Config(false), 3, "process.landlock"));
    }

    [Fact]
    public void Disable_Best_Effort_Refuses_Each_Missing_Right_By_Its_Json_Path()
    {
        var errors = LandlockPolicy.AbiRefusals(Config(true), 3, "process.landlock").Select(e => e.ToString()).ToList();
        Assert.Contains(errors, e => e.StartsWith("process.landlock.ruleset.handledAccessFS[1]: \"ioctl_dev\" needs Landlock ABI 5, this kernel has ABI 3", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("process.landlock.ruleset.handledAccessNetwork[0]: \"bind_tcp\" needs Landlock ABI 4", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("process.landlock.rules.pathBeneath[0].allowedAccess[1]", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("process.landlock.rules.netPort[0].allowedAccess[0]", StringComparison.Ordinal));
        Assert.Empty(LandlockPolicy.AbiRefusals(Config(true), 5, "process.landlock"));
        Assert.Single(LandlockPolicy.AbiRefusals(Config(true), 0, "process.landlock"));
    }

    [Fact]
    public void Create_Refuses_Through_Config_Support_On_An_Older_Kernel()
    {
        var spec = SpecDefaults.Create();
        spec.Process!.Landlock = Config(true);
        var host = new HostFacts(ulong.MaxValue, false, false, LandlockAbi: 4);
        Assert.Equal(["process.landlock.ruleset.handledAccessFS[1]", "process.landlock.rules.pathBeneath[0].allowedAccess[1]"],
            ConfigSupport.Refusals(spec, host).Select(e => e.Path));
    }

    [Fact]
    public void Without_Landlock_Best_Effort_Runs_Without_It()
    {
        var warnings = new List<string>();
        Assert.Null(LandlockPolicy.Compile(Config(false), 0, "process.landlock", warnings));
        Assert.Contains("this kernel has no Landlock", Assert.Single(warnings));
    }

    [Theory]
    [InlineData("{\"ruleset\":{\"handledAccessFS\":[\"read_files\"]}}", "process.landlock.ruleset.handledAccessFS[0]")]
    [InlineData("{\"ruleset\":{}}", "process.landlock.ruleset")]
    [InlineData("{\"ruleset\":{\"handledAccessFS\":[\"read_file\"]},\"rules\":{\"pathBeneath\":[{\"allowedAccess\":[\"write_file\"],\"paths\":[\"/x\"]}]}}",
        "process.landlock.rules.pathBeneath[0].allowedAccess[0]")]
    [InlineData("{\"ruleset\":{\"handledAccessFS\":[\"read_file\"]},\"rules\":{\"pathBeneath\":[{\"allowedAccess\":[\"read_file\"],\"paths\":[\"x\"]}]}}",
        "process.landlock.rules.pathBeneath[0].paths[0]")]
    [InlineData("{\"ruleset\":{\"handledAccessNetwork\":[\"connect_tcp\"]},\"rules\":{\"netPort\":[{\"allowedAccess\":[\"connect_tcp\"],\"ports\":[70000]}]}}",
        "process.landlock.rules.netPort[0].ports[0]")]
    public void Invalid_Configs_Are_Named_By_Json_Path(string landlock, string path)
    {
        var json = "{\"ociVersion\":\"1.2.0\",\"root\":{\"path\":\"rootfs\"},\"process\":{\"args\":[\"sh\"],\"cwd\":\"/\",\"user\":{\"uid\":0,\"gid\":0},"
            + "\"landlock\":" + landlock + "}}";
        var spec = LibContainer.Config.Codec.SpecReader.ReadSpec(json)!;
        Assert.Contains(ConfigValidator.Validate(spec), e => e.Path == path);
    }

    [Fact]
    public void The_Field_Round_Trips_Through_The_Codec()
    {
        var spec = SpecDefaults.Create();
        spec.Process!.Landlock = Config(true);
        var back = LibContainer.Config.Codec.SpecReader.ReadSpec(ConfigLoader.ToJson(spec))!;
        Assert.Equal(ConfigLoader.ToJson(spec), ConfigLoader.ToJson(back));
        Assert.Equal([8080u], back.Process!.Landlock!.Rules!.NetPort![0].Ports);
    }
}
