using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Config;

public class SeedConfigTests
{
    internal static string Sample(string relative) => Path.Combine(AppContext.BaseDirectory, "sample_configs", relative);

    public static TheoryData<string> SeedFiles => new()
    {
        "minimal.json", "apparmor.json", "attach_to_bridge.json", "route_source_address_selection.json", "selinux.json",
    };

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Every_seed_sample_loads_converts_and_validates(string file)
    {
        string path = Sample(Path.Combine("seed", file));
        Assert.Equal(ConfigFormat.Seed, ConfigLoader.DetectFormat(File.ReadAllText(path)));
        Spec spec = ConfigLoader.Load(path);
        Assert.Equal(Path.GetDirectoryName(path), spec.Root!.Path);
        Assert.Empty(spec.Process!.Args!);
        Assert.Empty(ConfigValidator.Validate(spec, new ValidationOptions { RequireProcessArgs = false }));
        // Once the command is known (nsinit exec CMD) it is a complete OCI spec.
        spec.Process.Args = ["sh"];
        Assert.Empty(ConfigValidator.Validate(spec));
        Spec again = ConfigLoader.Parse(ConfigLoader.ToJson(spec));
        Assert.Equal(ConfigLoader.ToJson(spec), ConfigLoader.ToJson(again));
    }

    [Fact]
    public void Seed_spec_without_args_fails_strict_validation()
    {
        Spec spec = ConfigLoader.Load(Sample("seed/minimal.json"));
        ConfigError e = Assert.Single(ConfigValidator.Validate(spec));
        Assert.Equal("process.args: must not be empty when process is present", e.ToString());
    }

    [Fact]
    public void Attach_to_bridge_matches_the_seeds_config_test()
    {
        Spec spec = ConfigLoader.Load(Sample("seed/attach_to_bridge.json"));
        Assert.Equal("koye", spec.Hostname);
        Assert.True(spec.Process!.Terminal);
        var ns = spec.Linux!.Namespaces!.Select(n => n.Type).ToList();
        Assert.Contains("network", ns);
        Assert.DoesNotContain("user", ns);
        Assert.Equal(["ipc", "network", "mount", "pid", "uts"], ns);
        List<string> caps = spec.Process.Capabilities!.Bounding!;
        Assert.Contains("CAP_MKNOD", caps);
        Assert.Contains("CAP_SYS_CHROOT", caps);
        Assert.DoesNotContain("CAP_SYS_ADMIN", caps);
        Assert.Equal(12, caps.Count);
        Assert.Equal(caps, spec.Process.Capabilities.Effective);

        IReadOnlyList<NetworkConfig> nets = SpecNetworks.GetNetworks(spec);
        Assert.Equal(2, nets.Count);
        Assert.Equal(("loopback", "127.0.0.1/0", "localhost", 1500), (nets[0].Type, nets[0].Address, nets[0].Gateway, nets[0].Mtu));
        NetworkConfig veth = nets[1];
        Assert.Equal(("veth", "docker0", "veth", "172.17.0.101/16", "172.17.42.1", 1500),
            (veth.Type, veth.Bridge, veth.VethPrefix, veth.Address, veth.Gateway, veth.Mtu));

        // The seed's default device nodes (devices.DefaultSimpleDevices).
        Assert.Equal(
            ["c /dev/null 1:3 438", "c /dev/zero 1:5 438", "c /dev/full 1:7 438", "c /dev/tty 5:0 438", "c /dev/urandom 1:9 438", "c /dev/random 1:8 438"],
            spec.Linux.Devices!.Select(d => $"{d.Type} {d.Path} {d.Major}:{d.Minor} {d.FileMode}"));

        // restrict_sys → runc's masked and read-only paths.
        Assert.Contains("/proc/kcore", spec.Linux.MaskedPaths!);
        Assert.Contains("/proc/sys", spec.Linux.ReadonlyPaths!);
        Assert.Contains("/proc/sysrq-trigger", spec.Linux.ReadonlyPaths!);
    }

    [Fact]
    public void Minimal_keeps_user_tmp_mount_cgroups_and_environment()
    {
        Spec spec = ConfigLoader.Load(Sample("seed/minimal.json"));
        Assert.Equal("daemon", spec.Process!.User.Username);
        Assert.Contains("HOSTNAME=koye", spec.Process.Env!);
        Mount tmp = spec.Mounts!.Single(m => m.Destination == "/tmp");
        Assert.Equal(("tmpfs", "tmpfs"), (tmp.Type, tmp.Source));
        Assert.Contains(spec.Mounts!, m => m.Destination == "/proc" && m.Type == "proc");
        Assert.Contains(spec.Mounts!, m => m.Destination == "/dev/pts" && m.Type == "devpts");
        Assert.Equal("/docker/docker-koye", spec.Linux!.CgroupsPath);

        List<LinuxDeviceCgroup> rules = spec.Linux.Resources!.Devices!;
        Assert.Equal(15, rules.Count);
        Assert.Equal((false, "rwm"), (rules[0].Allow, rules[0].Access));
        Assert.Equal((true, "c", (long?)null, (long?)null, "m"), (rules[1].Allow, rules[1].Type, rules[1].Major, rules[1].Minor, rules[1].Access));
        Assert.Equal(("b", (long?)null), (rules[2].Type, rules[2].Major));
        Assert.Equal(((long?)4, (long?)0), (rules[4].Major, rules[4].Minor)); // /dev/tty0: no minor_number means 0
        Assert.Equal(((long?)136, (long?)null, "rwm"), (rules[6].Major, rules[6].Minor, rules[6].Access)); // pts wildcard
    }

    [Fact]
    public void Apparmor_selinux_and_routes_samples()
    {
        Assert.Equal("docker-default", ConfigLoader.Load(Sample("seed/apparmor.json")).Process!.ApparmorProfile);

        Spec selinux = ConfigLoader.Load(Sample("seed/selinux.json"));
        Assert.Equal("system_u:system_r:svirt_lxc_net_t:s0:c164,c475", selinux.Process!.SelinuxLabel);
        Assert.Equal("system_u:system_r:svirt_lxc_net_t:s0:c164,c475", selinux.Linux!.MountLabel);

        Spec routes = ConfigLoader.Load(Sample("seed/route_source_address_selection.json"));
        NetworkRoute route = Assert.Single(SpecNetworks.GetRoutes(routes));
        Assert.Equal(("0.0.0.0/0", "172.17.0.101", "172.17.42.1", "eth0"), (route.Destination, route.Source, route.Gateway, route.InterfaceName));
        Assert.Null(SpecNetworks.GetNetworks(routes)[1].Gateway);
    }

    [Fact]
    public void Seed_quirks_convert()
    {
        const string json = """
            {
              "namespaces": { "NEWPID": true, "NEWNET": true, "NEWIPC": false, "NEWUTS": true, "NEWUSER": true },
              "capabilities": ["CHOWN", "CAP_KILL"],
              "hostname": "q",
              "user": "1000:1001",
              "additional_groups": ["5", "7"],
              "working_dir": "/work",
              "uid_mappings": [{ "container_id": 0, "host_id": 100000, "size": 65536 }],
              "gid_mappings": [{ "container_id": 0, "host_id": 100000, "size": 65536 }],
              "rlimits": [{ "type": 7, "hard": 2048, "soft": 1024 }],
              "mount_config": {
                "readonly_fs": true, "no_pivot_root": true,
                "device_nodes": [{ "type": 98, "path": "/dev/loop0", "major_number": 7, "minor_number": 0, "file_mode": 432 }],
                "mounts": [{ "type": "bind", "source": "/srv", "destination": "/srv", "writable": true, "private": true }]
              },
              "cgroups": { "name": "c1", "memory": 1048576, "memory_swap": 0, "cpu_shares": 512, "cpu_quota": 20000,
                           "cpu_period": 100000, "cpuset_cpus": "0-1", "freezer": "THAWED", "allow_all_devices": true,
                           "future_knob": 3 },
              "networks": [{ "type": "veth", "bridge": "br0", "address": "10.0.0.2/24", "mac_address": "02:00:00:00:00:01",
                             "ipv6_address": "fd00::2/64", "txqueuelen": 1000 }],
              "something_new": { "a": 1 }
            }
            """;
        Spec spec = ConfigLoader.Parse(json, null, new ConfigLoadOptions { SeedRootPath = "/containers/q" });
        Assert.Equal("/containers/q", spec.Root!.Path);
        Assert.True(spec.Root.Readonly);
        Assert.Equal(["pid", "network", "uts", "user"], spec.Linux!.Namespaces!.Select(n => n.Type));
        Assert.Equal(["CAP_CHOWN", "CAP_KILL"], spec.Process!.Capabilities!.Bounding!);
        Assert.Equal((1000u, 1001u), (spec.Process.User.Uid, spec.Process.User.Gid));
        Assert.Equal([5u, 7u], spec.Process.User.AdditionalGids!);
        Assert.Equal("/work", spec.Process.Cwd);
        Assert.Equal(100000u, spec.Linux.UidMappings![0].HostId);
        PosixRlimit rl = Assert.Single(spec.Process.Rlimits!);
        Assert.Equal(("RLIMIT_NOFILE", 1024UL, 2048UL), (rl.Type, rl.Soft, rl.Hard));
        LinuxDevice loop = Assert.Single(spec.Linux.Devices!);
        Assert.Equal(("b", 7L, 0L, 432u /* 0660 */), (loop.Type, loop.Major, loop.Minor, loop.FileMode));
        Mount srv = spec.Mounts!.Single(m => m.Destination == "/srv");
        Assert.Equal(["rbind", "rw", "rprivate"], srv.Options!);
        Assert.Equal("/c1", spec.Linux.CgroupsPath);
        LinuxResources res = spec.Linux.Resources!;
        Assert.Equal((1048576L, 2097152L), (res.Memory!.Limit, res.Memory.Swap));
        Assert.Equal((512UL, 20000L, 100000UL, "0-1"), (res.Cpu!.Shares, res.Cpu.Quota, res.Cpu.Period, res.Cpu.Cpus));
        Assert.True(Assert.Single(res.Devices!).Allow);
        Assert.Equal("THAWED", spec.Annotations!["org.libcontainer.seed.cgroups.freezer"]);
        Assert.Equal("3", spec.Annotations["org.libcontainer.seed.cgroups.future_knob"]);
        Assert.Equal("true", spec.Annotations["org.libcontainer.seed.no_pivot_root"]);
        Assert.Equal("""{ "a": 1 }""", spec.Annotations["org.libcontainer.seed.something_new"]);
        NetworkConfig veth = Assert.Single(SpecNetworks.GetNetworks(spec));
        Assert.Equal(("02:00:00:00:00:01", "fd00::2/64"), (veth.MacAddress, veth.Ipv6Address));
        Assert.Equal(1000, veth.ExtensionData!["txqueuelen"].GetInt32());
    }

    [Fact]
    public void Seed_errors_name_the_seed_path()
    {
        const string json = """{ "namespaces": [{ "type": "NEWFOO" }], "tty": "yes", "rlimits": [{ "type": 99 }] }""";
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json));
        Assert.Equal(
        [
            "namespaces[0].type: \"NEWFOO\" is not a seed namespace type (expected one of: NEWNS, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET, NEWCGROUP, NEWTIME)",
            "rlimits[0].type: 99 is not an rlimit number (expected 0..15)",
            "tty: is a string, expected true or false",
        ], e.Errors.Select(x => x.ToString()).OrderBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public void LoadBundle_finds_container_json_and_uses_the_bundle_as_rootfs()
    {
        string dir = Directory.CreateTempSubdirectory("lc-seed-").FullName;
        try
        {
            File.Copy(Sample("seed/minimal.json"), Path.Combine(dir, "container.json"));
            Directory.CreateDirectory(Path.Combine(dir, "etc"));
            File.WriteAllText(Path.Combine(dir, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\n");
            Spec spec = ConfigLoader.LoadBundle(dir);
            Assert.Equal(dir, spec.Root!.Path);
            Assert.Equal((1u, 1u, (string?)null), (spec.Process!.User.Uid, spec.Process.User.Gid, spec.Process.User.Username));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
