using LibContainer.Cgroups;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Cgroups;

public class DefaultDeviceRulesTests
{
    [Fact]
    public void DenyAll_GetsDefaultNodes_AndConfiguredDevices_Appended()
    {
        var spec = new Spec
        {
            Linux = new Linux
            {
                Resources = new LinuxResources { Devices = new() { new() { Allow = false, Access = "rwm" } }, Pids = new() { Limit = 5 } },
                Devices = new() { new() { Type = "c", Path = "/dev/fuse", Major = 10, Minor = 229 } },
            },
        };
        var r = DefaultDeviceRules.WithDefaults(spec)!;
        Assert.False(r.Devices![0].Allow);
        Assert.Contains(r.Devices, d => d.Allow && d.Type == "c" && d.Major == 1 && d.Minor == 3 && d.Access == "rwm");
        Assert.Contains(r.Devices, d => d.Allow && d.Type == "c" && d.Major == 136 && d.Minor is null);
        Assert.Equal(10, r.Devices[^1].Major);
        Assert.Equal(229, r.Devices[^1].Minor);
        Assert.Equal(5, r.Pids!.Limit);
        Assert.Single(spec.Linux.Resources.Devices); // the config itself is not changed
    }

    [Fact]
    public void NoDeviceRules_LeavesResourcesAlone()
    {
        var resources = new LinuxResources { Pids = new() { Limit = 5 } };
        Assert.Same(resources, DefaultDeviceRules.WithDefaults(new Spec { Linux = new Linux { Resources = resources } }));
    }
}
