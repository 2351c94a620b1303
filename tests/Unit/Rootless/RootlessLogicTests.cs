using LibContainer.Config;
using LibContainer.Runtime;
using Xunit;

namespace LibContainer.Tests.Rootless;

/// <summary>The rootless decisions as pure logic: refusals, who writes the id maps, /etc/subuid, the state root.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RootlessLogicTests
{
    private static readonly RootlessCaller User = new(1000, 1000, "alice", [new SubordinateRange(100000, 65536)],
        [new SubordinateRange(100000, 65536)], "/usr/bin/newuidmap", "/usr/bin/newgidmap");

    private static List<string> Paths(Spec spec, RootlessCaller caller, bool cgroup = false) =>
        RootlessSupport.Refusals(spec, caller, cgroup).Select(e => e.Path).ToList();

    [Fact]
    public void Spec_Rootless_Config_Has_Nothing_Refused()
    {
        Assert.Empty(Paths(SpecDefaults.Create(true, 1000, 1000), User));
        Assert.True(User.DeniesSetgroups(SpecDefaults.Create(true, 1000, 1000)));
    }

    [Fact]
    public void Mappings_Beyond_The_Own_Id_Need_The_Helper_And_A_Delegated_Range()
    {
        var spec = SpecDefaults.Create(true, 1000, 1000);
        spec.Linux!.UidMappings!.Add(new IdMapping { ContainerId = 1, HostId = 100000, Size = 65536 });
        Assert.Empty(Paths(spec, User));
        Assert.False(User.WritesDirectly(spec.Linux.UidMappings, 1000));
        spec.Linux.UidMappings.Add(new IdMapping { ContainerId = 70000, HostId = 165536, Size = 1 });
        Assert.Equal(["linux.uidMappings[2]"], Paths(spec, User));
        Assert.Equal(["linux.uidMappings"], Paths(spec, User with { NewUidMap = null }));
        Assert.True(new RootlessCaller(0, 0, "root", [], [], null, null).WritesDirectly(spec.Linux.UidMappings, 0));
    }

    [Fact]
    public void Cgroup_Fields_Are_Refused_Without_A_Delegated_Cgroup()
    {
        var spec = SpecDefaults.Create(true, 1000, 1000);
        spec.Linux!.CgroupsPath = "/x";
        spec.Linux.Resources = new LinuxResources
        {
            Pids = new LinuxPids { Limit = 10 },
            Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }, new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" }],
        };
        Assert.Equal(["linux.cgroupsPath", "linux.resources.devices[1]", "linux.resources.pids"], Paths(spec, User));
        Assert.Empty(Paths(spec, User, cgroup: true));
        Assert.DoesNotContain("linux.cgroupsPath", RootlessSupport.Refusals(spec, User, false, cgroupsDisabled: true).Select(e => e.Path));
    }

    [Fact]
    public void No_User_Namespace_Networks_Net_Devices_And_Setgroups_Are_Refused()
    {
        var spec = SpecDefaults.Create(false);
        spec.Linux!.Resources = null;
        Assert.Equal(["linux.namespaces"], Paths(spec, User));
        spec = SpecDefaults.Create(true, 1000, 1000);
        spec.Process!.User!.AdditionalGids = [10];
        spec.Linux!.NetDevices = new() { ["eth1"] = new LinuxNetDevice() };
        spec.Linux.Sysctl = new() { ["net.ipv4.ip_forward"] = "1" };
        SpecNetworks.SetNetworks(spec, [new NetworkConfig { Type = "veth" }]);
        Assert.Equal(["process.user.additionalGids", "linux.sysctl[\"net.ipv4.ip_forward\"]", "annotations[\"org.libcontainer.networks\"]", "linux.netDevices"],
            Paths(spec, User));
    }

    [Fact]
    public void Subuid_Lines_Match_By_Name_Or_Uid()
    {
        var ranges = SubordinateIds.Parse("bob:1:2\nalice:100000:65536\n1000:300000:10\n# x\nalice:bad:1\n", "alice", 1000);
        Assert.Equal([new SubordinateRange(100000, 65536), new SubordinateRange(300000, 10)], ranges);
        Assert.True(ranges[0].Covers(100000, 65536));
        Assert.False(ranges[0].Covers(100001, 65536));
    }

    [Fact]
    public void User_Runtime_Dir_Is_Xdg_Then_Run_User_Then_A_Private_Tmp_Dir()
    {
        var tmp = Path.Combine(Path.GetTempPath(), "stateroots-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(tmp, "xdg"));
        Directory.CreateDirectory(Path.Combine(tmp, "run", "0"));
        try
        {
            Assert.Equal(Path.Combine(tmp, "xdg"), StateRoots.UserRuntimeDir(0, Path.Combine(tmp, "xdg"), Path.Combine(tmp, "run"), tmp));
            Assert.Equal(Path.Combine(tmp, "run", "0"), StateRoots.UserRuntimeDir(0, null, Path.Combine(tmp, "run"), tmp));
            var fallback = StateRoots.UserRuntimeDir(0, "", Path.Combine(tmp, "none"), tmp);
            Assert.Equal(Path.Combine(tmp, "libcontainer-0"), fallback);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(fallback));
            File.SetUnixFileMode(fallback, (UnixFileMode)0x1ed);
            var e = Assert.Throws<ContainerException>(() => StateRoots.UserRuntimeDir(0, null, Path.Combine(tmp, "none"), tmp));
            Assert.Contains("is not a private directory of uid 0", e.Message);
        }
        finally { Directory.Delete(tmp, recursive: true); }
    }
}
