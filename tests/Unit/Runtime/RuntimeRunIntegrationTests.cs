using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>`nsinit run` of the published binary: namespaces, rootfs, mounts, devices, process settings.</summary>
[Trait("Category", "Integration")]
public sealed class RuntimeRunIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private NsinitResult Sh(string script, Action<Spec>? edit = null)
    {
        var spec = _h.DefaultSpec("/bin/sh", "-c", script);
        edit?.Invoke(spec);
        return _h.Run(spec);
    }

    [Fact]
    public void Hostname_And_Pid1()
    {
        var r = Sh("hostname; echo pid=$$", s => s.Hostname = "box1");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("box1\npid=1\n", r.Stdout);
    }

    [Fact]
    public async Task ExitStatus_IsReturned()
    {
        Assert.Equal(7, Sh("exit 7").ExitCode);
        // Killed from outside (pid 1 ignores signals sent from inside): the foreground run reports 128+9.
        string id = NsinitHarness.NewId();
        var bundle = _h.Bundle(_h.DefaultSpec("/bin/sleep", "30"));
        var run = Task.Run(() => _h.Nsi("run", "--bundle", bundle, id));
        for (int i = 0; i < 200 && !_h.Nsi("state", id).Stdout.Contains("running"); i++) Thread.Sleep(25);
        Assert.Equal(0, _h.Nsi("kill", id, "KILL").ExitCode);
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(10000)));
        Assert.Equal(128 + 9, (await run).ExitCode);
    }

    [Fact]
    public void Mounts_Visible_Readonly_Masked()
    {
        var r = Sh("cat /proc/self/mountinfo; touch /x 2>&1; echo; cat /proc/kcore | wc -c; ls /proc/acpi | wc -l; touch /proc/sys/x 2>&1; true");
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Stdout.Split('\n');
        Assert.Contains(lines, l => l.Split(' ') is { Length: > 5 } f && f[4] == "/" && f[5].StartsWith("ro,"));
        Assert.Contains(lines, l => l.Contains(" /proc ") && l.Contains(" - proc "));
        Assert.Contains(lines, l => l.Contains(" /sys ro,") && l.Contains(" - sysfs "));
        Assert.Contains(lines, l => l.Contains(" /dev/pts ") && l.Contains("ptmxmode=666"));
        Assert.Contains(lines, l => l.Contains(" /sys/fs/cgroup"));
        Assert.Contains(lines, l => l.Contains(" /proc/sys ro,"));
        Assert.Contains("Read-only file system", r.Stdout);
        Assert.Contains("\n0\n0\n", r.Stdout); // /proc/kcore masked by /dev/null, /proc/acpi by an empty tmpfs
    }

    [Fact]
    public void BindMount_Readonly_And_Tmpfs_Options()
    {
        var hostDir = _h.TempDir("nsinit-bind-");
        File.WriteAllText(Path.Combine(hostDir, "f"), "hello");
        var r = Sh("cat /data/f; echo; touch /data/g 2>&1; grep -E ' /data | /scratch/deep ' /proc/self/mountinfo", s =>
        {
            s.Mounts!.Add(new Mount { Destination = "/data", Source = hostDir, Type = "bind", Options = new() { "rbind", "ro", "nosuid", "nodev" } });
            s.Mounts.Add(new Mount { Destination = "/scratch/deep", Source = "tmpfs", Type = "tmpfs", Options = new() { "noexec", "size=1m" } });
        });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("hello\n", r.Stdout);
        Assert.Contains("Read-only file system", r.Stdout);
        Assert.Contains(r.Stdout.Split('\n'), l => l.Contains(" /data ro,nosuid,nodev"));
        Assert.Contains(r.Stdout.Split('\n'), l => l.Contains(" /scratch/deep ") && l.Contains("noexec") && l.Contains("size=1024k"));
    }

    [Fact]
    public void Devices_Default_And_Configured()
    {
        var r = Sh("ls -l /dev/null /dev/zero /dev/full /dev/random /dev/urandom /dev/tty /dev/mydev; for l in fd stdin ptmx; do readlink /dev/$l; done", s =>
            s.Linux!.Devices = new() { new LinuxDevice { Path = "/dev/mydev", Type = "c", Major = 1, Minor = 3, FileMode = 0x1a4 } });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"crw-rw-rw-\s+1 root\s+root\s+1,\s+3 .* /dev/null", r.Stdout);
        Assert.Matches(@"crw-rw-rw-\s+1 root\s+root\s+5,\s+0 .* /dev/tty", r.Stdout);
        Assert.Matches(@"crw-r--r--\s+1 root\s+root\s+1,\s+3 .* /dev/mydev", r.Stdout);
        Assert.Contains("/proc/self/fd\n/proc/self/fd/0\npts/ptmx\n", r.Stdout);
    }

    [Fact]
    public void Capabilities_And_NoNewPrivs()
    {
        var r = Sh("grep -E '^(CapEff|CapBnd|CapAmb|NoNewPrivs)' /proc/self/status", s =>
        {
            var caps = new List<string> { "CAP_CHOWN", "CAP_NET_BIND_SERVICE" };
            s.Process!.Capabilities = new LinuxCapabilities { Bounding = caps, Effective = caps, Permitted = caps };
            s.Process.NoNewPrivileges = true;
        });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("CapEff:\t0000000000000401", r.Stdout);
        Assert.Contains("CapBnd:\t0000000000000401", r.Stdout);
        Assert.Contains("CapAmb:\t0000000000000000", r.Stdout);
        Assert.Contains("NoNewPrivs:\t1", r.Stdout);
    }

    [Fact]
    public void User_Groups_Rlimits_Cwd_Env()
    {
        var r = Sh("id; ulimit -n; ulimit -Hn; pwd; echo $FOO", s =>
        {
            s.Process!.User = new User { Uid = 1000, Gid = 1001, AdditionalGids = new() { 2000 } };
            s.Process.Rlimits = new() { new PosixRlimit { Type = "RLIMIT_NOFILE", Soft = 256, Hard = 512 } };
            s.Process.Cwd = "/tmp";
            s.Process.Env!.Add("FOO=bar");
        });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("uid=1000 gid=1001 groups=2000\n256\n512\n/tmp\nbar\n", r.Stdout);
    }

    [Fact]
    public void UserNamespace_Mapping()
    {
        var r = Sh("cat /proc/self/uid_map /proc/self/gid_map; id -u; ls -ln /dev/null", s =>
        {
            s.Root!.Path = _h.ReachableRootfs();
            s.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "user" });
            s.Linux.UidMappings = new() { new IdMapping { ContainerId = 0, HostId = 100000, Size = 65536 } };
            s.Linux.GidMappings = new() { new IdMapping { ContainerId = 0, HostId = 100000, Size = 65536 } };
        });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"^\s*0\s+100000\s+65536\n\s*0\s+100000\s+65536\n0\n", r.Stdout);
        Assert.Contains("65534", r.Stdout); // /dev/null bound from the host: owner unmapped
    }

    [Fact]
    public void BadExecPath_Fails_Create_With_Runc_Wording()
    {
        var r = _h.Run(_h.DefaultSpec("/bin/shh"));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("nsinit: exec \"/bin/shh\": no such file or directory\n", r.Stderr);
        var r2 = _h.Run(_h.DefaultSpec("nosuchcmd"));
        Assert.Contains("exec: \"nosuchcmd\": executable file not found in $PATH", r2.Stderr);
        Assert.Empty(Directory.GetDirectories(_h.Root));
    }

    [Fact]
    public void NoRuntimeFdLeaks_Into_Container()
    {
        var r = Sh("ls /proc/$$/fd; true"); // `; true`: else sh execs ls, and ls's own directory fd shows
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("0\n1\n2\n", r.Stdout);
    }

    [Fact]
    public void PreserveFds_Passes_Extra_Fds()
    {
        var bundle = _h.Bundle(_h.DefaultSpec("/bin/sh", "-c", "cat <&3; ls /proc/$$/fd; true"));
        var file = Path.Combine(_h.TempDir("nsinit-fd-"), "in");
        File.WriteAllText(file, "passed\n");
        var r = NsinitHarness.RunProcess("/bin/sh", new[] { "-c",
            $"exec 3<{file}; exec {_h.Nsinit} --root {_h.Root} run --preserve-fds 1 --bundle {bundle} {NsinitHarness.NewId()}" });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("passed\n0\n1\n2\n3\n", r.Stdout);
    }

    [Fact]
    public void Sysctl_And_NoPivot()
    {
        var r = Sh("cat /proc/sys/net/ipv4/ip_forward; cat /proc/sys/kernel/domainname", s =>
        {
            s.Linux!.Sysctl = new() { ["net.ipv4.ip_forward"] = "1" };
            s.Domainname = "example.org";
        });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("1\nexample.org\n", r.Stdout);

        var spec = _h.DefaultSpec("/bin/sh", "-c", "echo ok");
        var nopivot = _h.Nsi("run", "--no-pivot", "--bundle", _h.Bundle(spec), NsinitHarness.NewId());
        Assert.True(nopivot.ExitCode == 0, nopivot.ToString());
        Assert.Equal("ok\n", nopivot.Stdout);
    }
}
