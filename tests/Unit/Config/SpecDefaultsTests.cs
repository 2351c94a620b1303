using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Config;

public class SpecDefaultsTests
{
    [Fact]
    public void Default_spec_is_valid_and_runc_like()
    {
        Spec spec = SpecDefaults.Create();
        Assert.Empty(ConfigValidator.Validate(spec));
        Assert.Equal("1.3.0", spec.OciVersion);
        Assert.Equal(["sh"], spec.Process!.Args!);
        Assert.True(spec.Process.Terminal);
        Assert.True(spec.Process.NoNewPrivileges);
        Assert.Equal("/", spec.Process.Cwd);
        // runc spec (1.1.5): the same three in bounding, effective and permitted (its ambient ones are never raised).
        Assert.Equal(["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"], spec.Process.Capabilities!.Bounding!);
        Assert.Equal(spec.Process.Capabilities.Bounding, spec.Process.Capabilities.Effective);
        Assert.Equal(spec.Process.Capabilities.Bounding, spec.Process.Capabilities.Permitted);
        Assert.Null(spec.Process.Capabilities.Ambient);
        Assert.Null(spec.Process.Capabilities.Inheritable);
        PosixRlimit nofile = Assert.Single(spec.Process.Rlimits!);
        Assert.Equal(("RLIMIT_NOFILE", 1024UL, 1024UL), (nofile.Type, nofile.Soft, nofile.Hard));
        Assert.True(spec.Root!.Readonly);
        Assert.Equal("rootfs", spec.Root.Path);
        Assert.Equal(["/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup"],
            spec.Mounts!.Select(m => m.Destination));
        Assert.Equal(["pid", "network", "ipc", "uts", "mount", "cgroup"], spec.Linux!.Namespaces!.Select(n => n.Type));
        Assert.Contains("/proc/kcore", spec.Linux.MaskedPaths!);
        Assert.Contains("/proc/sys", spec.Linux.ReadonlyPaths!);
        Assert.Contains("gid=5", spec.Mounts![2].Options!);
        Assert.Null(spec.Linux.UidMappings);
    }

    [Fact]
    public void Rootless_spec_maps_the_user_and_drops_network()
    {
        Spec spec = SpecDefaults.Create(true, 1000, 1001);
        Assert.Empty(ConfigValidator.Validate(spec));
        Assert.Contains("user", spec.Linux!.Namespaces!.Select(n => n.Type));
        Assert.DoesNotContain("network", spec.Linux.Namespaces!.Select(n => n.Type));
        Assert.Equal((0u, 1000u, 1u), (spec.Linux.UidMappings![0].ContainerId, spec.Linux.UidMappings[0].HostId, spec.Linux.UidMappings[0].Size));
        Assert.Equal(1001u, spec.Linux.GidMappings![0].HostId);
        Mount sys = spec.Mounts!.Single(m => m.Destination == "/sys");
        Assert.Contains("rbind", sys.Options!);
        Assert.DoesNotContain(spec.Mounts!.Single(m => m.Destination == "/dev/pts").Options!, o => o.StartsWith("gid="));
        Assert.Empty(ConfigValidator.Validate(SpecDefaults.Create(rootless: true)));
    }

    [Fact]
    public void Default_spec_round_trips_through_json()
    {
        string json = ConfigLoader.ToJson(SpecDefaults.Create());
        Assert.Equal(json, ConfigLoader.ToJson(ConfigLoader.Parse(json)));
    }
}
