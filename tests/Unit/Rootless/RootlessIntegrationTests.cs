using System.Text.Json;
using LibContainer.Config;
using LibContainer.Tests.Runtime;
using Xunit;

namespace LibContainer.Tests.Rootless;

/// <summary>nsinit run by a real unprivileged user (made by the fixture): real containers in a user namespace, state in
/// the user's runtime directory, no cgroup; every test ends with nothing of the user's left running.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RootlessIntegrationTests : IClassFixture<TestUser>
{
    private readonly TestUser _u;

    public RootlessIntegrationTests(TestUser user) => _u = user;

    private static string NewId() => NsinitHarness.NewId();

    private void AssertNothingLeft()
    {
        Assert.True(!Directory.Exists(_u.StateRoot) || Directory.GetDirectories(_u.StateRoot).Length == 0,
            "state left: " + string.Join(", ", Directory.Exists(_u.StateRoot) ? Directory.GetDirectories(_u.StateRoot) : []));
        Assert.True(Deadline.WaitFor(() => _u.Processes().Count == 0), "processes of the test user left: " + string.Join(", ", _u.Processes()));
    }

    [Fact]
    public void Spec_Rootless_Then_Run_Works_Unchanged()
    {
        var bundle = _u.OwnedDir("spec");
        var spec = _u.Nsi("spec", "--rootless", "--bundle", bundle);
        Assert.True(spec.ExitCode == 0, spec.ToString());
        File.CreateSymbolicLink(Path.Combine(bundle, "rootfs"), _u.Rootfs);
        // The config as written: sh on a terminal (nsinit relays the pty), reading the commands from stdin.
        var r = _u.Nsi(["run", "--bundle", bundle, NewId()], stdin: "echo rootless-ok; id -u; exit 3\n");
        Assert.True(r.ExitCode == 3, r.ToString());
        Assert.Contains("rootless-ok", r.Stdout);
        AssertNothingLeft();
    }

    [Fact]
    public void Create_Start_Exec_Ps_Kill_Delete_With_State_In_The_Users_Runtime_Dir()
    {
        string id = NewId();
        var bundle = _u.Bundle(_u.RootlessSpec("sleep", "1000"));
        var create = _u.Nsi("create", "--bundle", bundle, id);
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(File.Exists(Path.Combine(_u.StateRoot, id, "state.json")), "state.json not under $XDG_RUNTIME_DIR/nsinit");
        Assert.False(JsonDocument.Parse(File.ReadAllText(Path.Combine(_u.StateRoot, id, "state.json"))).RootElement.TryGetProperty("cgroupsPath", out _),
            "a rootless container without a delegated cgroup2 subtree has no cgroup");
        Assert.Contains($"\"owner\":\"{_u.Name}\"", _u.Nsi("list", "--format", "json").Stdout.Replace(" ", "", StringComparison.Ordinal));
        var start = _u.Nsi("start", id);
        Assert.True(start.ExitCode == 0, start.ToString());
        var exec = _u.Nsi("exec", id, "sh", "-c", "id -u; cat /proc/self/uid_map");
        Assert.True(exec.ExitCode == 0, exec.ToString());
        Assert.Matches($@"^0\n\s*0\s+{_u.Uid}\s+1\n$", exec.Stdout);
        var ps = _u.Nsi("ps", "--format", "json", id);
        Assert.True(ps.ExitCode == 0, ps.ToString());
        var init = JsonDocument.Parse(ps.Stdout).RootElement.EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Single(init);
        Assert.Contains("sleep", File.ReadAllText($"/proc/{init[0]}/cmdline"));
        var kill = _u.Nsi("kill", id, "KILL");
        Assert.True(kill.ExitCode == 0, kill.ToString());
        Assert.True(Deadline.WaitFor(() => _u.Nsi("state", id).Stdout.Contains("\"stopped\"", StringComparison.Ordinal)), "not stopped after SIGKILL");
        var delete = _u.Nsi("delete", id);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        AssertNothingLeft();
    }

    [Fact]
    public void Uid_Range_Through_Newuidmap_Makes_Files_Owned_By_The_Mapped_Host_Uid()
    {
        uint sub = _u.SubUids[0].Start;
        var gidSub = SubordinateIds.Read(SubordinateIds.SubGidFile, _u.Name, _u.Uid)[0].Start;
        var shared = _u.OwnedDir("shared");
        File.SetUnixFileMode(shared, (UnixFileMode)0x1ff); // container uid 1000 (host sub+999) writes here
        var spec = _u.RootlessSpec("sh", "-c", "touch /tmp/made-inside; id -u; cat /proc/self/uid_map");
        spec.Process!.User = new User { Uid = 1000, Gid = 1000 };
        spec.Linux!.UidMappings = [new IdMapping { ContainerId = 0, HostId = _u.Uid, Size = 1 }, new IdMapping { ContainerId = 1, HostId = sub, Size = 65536 }];
        spec.Linux.GidMappings = [new IdMapping { ContainerId = 0, HostId = _u.Gid, Size = 1 }, new IdMapping { ContainerId = 1, HostId = gidSub, Size = 65536 }];
        spec.Mounts!.Add(new Mount { Destination = "/tmp", Type = "bind", Source = shared, Options = ["rbind", "rw"] });
        var r = _u.Nsi("run", "--bundle", _u.Bundle(spec), NewId());
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches($@"^1000\n\s*0\s+{_u.Uid}\s+1\n\s*1\s+{sub}\s+65536\n$", r.Stdout);
        var owner = LibContainer.Interop.RuntimeSys.TryStat(LibC.AT_FDCWD, Path.Combine(shared, "made-inside"), nofollow: true);
        Assert.Equal(sub + 999, owner?.Uid);
        AssertNothingLeft();
    }

    [Fact]
    public void A_Delegated_Cgroup2_Subtree_Holds_The_Container()
    {
        var unified = LibContainer.Cgroups.CgroupHost.Current.Unified;
        Assert.NotNull(unified);
        // What a delegation (systemd's user@.service, or an administrator) makes: a cgroup2 directory the user owns.
        var delegated = Path.Combine(unified!.MountPoint, TestRun.NewCgroupName());
        Directory.CreateDirectory(delegated);
        try
        {
            TestUser.Root("chown", $"{_u.Uid}:{_u.Gid}", delegated, Path.Combine(delegated, "cgroup.procs"), Path.Combine(delegated, "cgroup.subtree_control"));
            string id = NewId();
            var create = _u.NsiInCgroup(delegated, "create", "--bundle", _u.Bundle(_u.RootlessSpec("sleep", "1000")), id);
            Assert.True(create.ExitCode == 0, create.ToString());
            var own = Path.Combine(delegated, "nsinit-" + id);
            Assert.True(Directory.Exists(own), "no cgroup made under the delegated subtree");
            var ps = _u.Nsi("ps", "--format", "json", id);
            Assert.True(ps.ExitCode == 0, ps.ToString());
            var pids = JsonDocument.Parse(ps.Stdout).RootElement.EnumerateArray().Select(e => e.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(pids, File.ReadAllLines(Path.Combine(own, "cgroup.procs")));
            var delete = _u.Nsi("delete", "--force", id);
            Assert.True(delete.ExitCode == 0, delete.ToString());
            Assert.False(Directory.Exists(own), "the container's cgroup outlived delete");
            AssertNothingLeft();
        }
        finally
        {
            foreach (var dir in Directory.GetDirectories(delegated)) Directory.Delete(dir);
            Directory.Delete(delegated);
        }
    }

    [Fact]
    public void Loopback_Is_Up_In_A_Private_Network_Namespace()
    {
        var spec = _u.RootlessSpec("ip", "addr", "show", "lo");
        spec.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "network" });
        var r = _u.Nsi("run", "--bundle", _u.Bundle(spec), NewId());
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("UP", r.Stdout);
        Assert.Contains("127.0.0.1", r.Stdout);
        AssertNothingLeft();
    }

    [Fact]
    public void What_A_User_Cannot_Do_Is_Refused_At_Create_With_Its_Json_Path()
    {
        var spec = _u.RootlessSpec("true");
        spec.Linux!.Resources = new LinuxResources { Memory = new LinuxMemory { Limit = 64 << 20 } };
        spec.Linux.UidMappings = [new IdMapping { ContainerId = 0, HostId = _u.Uid, Size = 1 }, new IdMapping { ContainerId = 1, HostId = 7, Size = 10 }];
        SpecNetworks.SetNetworks(spec, [new NetworkConfig { Type = "veth", Bridge = "lcbr0" }]);
        spec.Linux.Namespaces!.Add(new LinuxNamespace { Type = "network" });
        var r = _u.Nsi("run", "--bundle", _u.Bundle(spec), NewId());
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("invalid config for a rootless container", r.Stderr);
        Assert.Contains("linux.resources.memory: needs a cgroup", r.Stderr);
        Assert.Contains("linux.uidMappings[1]: host uids 7-16 are not delegated", r.Stderr);
        Assert.Contains("annotations[\"org.libcontainer.networks\"]: veth and bridge networks are root-only", r.Stderr);
        AssertNothingLeft();
    }

    [Fact]
    public void Rootless_False_Makes_The_Cgroup_Attempt_And_Fails_Clearly()
    {
        var r = _u.Nsi("--rootless", "false", "run", "--bundle", _u.Bundle(_u.RootlessSpec("true")), NewId());
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("permission denied", r.Stderr);
        AssertNothingLeft();
    }
}
