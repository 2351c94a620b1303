using LibContainer.Config;
using LibContainer.Terminal;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>Mount options applied in real containers: recursive attributes, idmapped mounts, tmpcopyup, the
/// nofollow options, rootfsPropagation, /dev/console from the image, and what is refused at create.</summary>
[Trait("Category", "Integration")]
public sealed class MountIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();
    private readonly List<string> _hostMounts = new();

    public void Dispose()
    {
        foreach (var m in _hostMounts) NsinitHarness.RunProcess("/bin/umount", new[] { "-l", m });
        _h.Dispose();
    }

    private static Mount Bind(string source, string destination, params string[] options)
        => new() { Destination = destination, Type = "bind", Source = source, Options = options.ToList() };

    private NsinitResult RunOk(Spec spec)
    {
        var r = _h.Run(spec);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r;
    }

    /// <summary>`create` fails with <paramref name="expected"/> on stderr and leaves no state behind.</summary>
    private void AssertCreateRefused(Spec spec, string expected)
    {
        var r = _h.Nsi("create", "--bundle", _h.Bundle(spec), NsinitHarness.NewId());
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(expected, r.Stderr);
        Assert.Empty(Directory.GetDirectories(_h.Root));
    }

    /// <summary>A small private busybox rootfs under /tmp, reachable by any uid, with the given (empty) mount points,
    /// so no test adds mount points to the shared rootfs.</summary>
    private string PrivateRootfs(params string[] mountPoints)
    {
        var rootfs = _h.TempDir("nsinit-mount-rootfs-");
        foreach (var d in new[] { "bin", "proc", "dev", "sys", "tmp" }.Concat(mountPoints)) Directory.CreateDirectory(Path.Combine(rootfs, d));
        File.Copy(Path.Combine(_h.Rootfs, "bin", "busybox"), Path.Combine(rootfs, "bin", "busybox"));
        foreach (var applet in new[] { "sh", "cat", "touch", "grep", "stat", "readlink", "sleep" })
            File.CreateSymbolicLink(Path.Combine(rootfs, "bin", applet), "busybox");
        return rootfs;
    }

    /// <summary>The default spec (without the cgroup mount) on a private rootfs.</summary>
    private Spec PrivateSpec(string rootfs, params string[] args)
    {
        var spec = _h.DefaultSpec(args);
        spec.Root = new Root { Path = rootfs, Readonly = true };
        spec.Mounts = spec.Mounts!.Where(m => m.Type != "cgroup").ToList();
        return spec;
    }

    [Fact]
    public void Rro_Bind_Is_Read_Only_In_Its_Submounts_Too()
    {
        var src = _h.TempDir("nsinit-rro-");
        Directory.CreateDirectory(Path.Combine(src, "sub"));
        Assert.Equal(0, NsinitHarness.RunProcess("/bin/mount", new[] { "-t", "tmpfs", "tmpfs", Path.Combine(src, "sub") }).ExitCode);
        _hostMounts.Add(Path.Combine(src, "sub"));
        var spec = PrivateSpec(PrivateRootfs("data"), "/bin/sh", "-c", "touch /data/top; echo top=$?; touch /data/sub/x; echo sub=$?; grep -c ' /data/sub ro,' /proc/self/mountinfo");
        spec.Mounts!.Add(Bind(src, "/data", "rbind", "rro", "rnosuid"));
        Assert.Equal("top=1\nsub=1\n1\n", RunOk(spec).Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(src, "sub")));
    }

    [Fact]
    public void Idmapped_Mount_Shows_The_Mapped_Owner()
    {
        var src = _h.TempDir("nsinit-idmap-");
        File.WriteAllText(Path.Combine(src, "file"), "x"); // owned by root on disk
        var spec = PrivateSpec(PrivateRootfs("idmapped", "plain"), "/bin/stat", "-c", "%u:%g", "/idmapped/file", "/plain/file");
        spec.Mounts!.Add(new Mount
        {
            Destination = "/idmapped", Type = "bind", Source = src, Options = ["bind", "idmap"],
            UidMappings = [new IdMapping { ContainerId = 0, HostId = 1234, Size = 1 }],
            GidMappings = [new IdMapping { ContainerId = 0, HostId = 4321, Size = 1 }],
        });
        spec.Mounts.Add(Bind(src, "/plain", "bind"));
        Assert.Equal("1234:4321\n0:0\n", RunOk(spec).Stdout);
    }

    [Fact]
    public void Idmap_Without_Mappings_Takes_The_Containers_User_Namespace()
    {
        // Without the idmap, a host-root file is "nobody" (65534) for a container whose root is host uid 100000.
        var src = _h.TempDir("nsinit-idmap-userns-");
        File.WriteAllText(Path.Combine(src, "file"), "x");
        var spec = PrivateSpec(PrivateRootfs("idmapped", "plain"), "/bin/stat", "-c", "%u", "/idmapped/file", "/plain/file");
        spec.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "user" });
        spec.Linux.UidMappings = [new IdMapping { ContainerId = 0, HostId = 100000, Size = 65536 }];
        spec.Linux.GidMappings = [new IdMapping { ContainerId = 0, HostId = 100000, Size = 65536 }];
        spec.Mounts!.Add(Bind(src, "/idmapped", "rbind", "ridmap"));
        spec.Mounts.Add(Bind(src, "/plain", "bind"));
        Assert.Equal("0\n65534\n", RunOk(spec).Stdout);
    }

    [Fact]
    public void Idmap_Of_A_Filesystem_That_Cannot_Be_Idmapped_Fails_Create_Naming_The_Mount()
    {
        var spec = _h.DefaultSpec("/bin/true");
        int index = spec.Mounts!.Count;
        spec.Mounts.Add(new Mount
        {
            Destination = "/home", Type = "bind", Source = "/sys/kernel", Options = ["rbind", "idmap"],
            UidMappings = [new IdMapping { ContainerId = 0, HostId = 1000, Size = 1 }],
            GidMappings = [new IdMapping { ContainerId = 0, HostId = 1000, Size = 1 }],
        });
        AssertCreateRefused(spec, $"mounts[{index}]: '/sys/kernel' cannot be idmapped here: its filesystem does not support idmapped mounts");
    }

    [Fact]
    public void Tmpcopyup_Keeps_What_The_Directory_Held()
    {
        var spec = _h.DefaultSpec("/bin/sh", "-c", "cat /etc/hostname; echo new > /etc/new && cat /etc/new; stat -c %a /etc");
        spec.Mounts!.Add(new Mount { Destination = "/etc", Type = "tmpfs", Source = "tmpfs", Options = ["tmpcopyup", "nosuid"] });
        Assert.Equal(File.ReadAllText(Path.Combine(_h.Rootfs, "etc", "hostname")) + "new\n755\n", RunOk(spec).Stdout);
        Assert.False(File.Exists(Path.Combine(_h.Rootfs, "etc", "new")));
    }

    [Fact]
    public void Src_Nofollow_Binds_The_Symlink_Itself()
    {
        var dir = _h.TempDir("nsinit-srclink-");
        File.WriteAllText(Path.Combine(dir, "target"), "followed");
        File.CreateSymbolicLink(Path.Combine(dir, "link"), Path.Combine(dir, "target"));
        var spec = PrivateSpec(PrivateRootfs("mnt"), "/bin/sh", "-c", "readlink /mnt/l; cat /mnt/l 2>/dev/null || echo not-followed");
        spec.Mounts!.Add(Bind(Path.Combine(dir, "link"), "/mnt/l", "bind", "src-nofollow"));
        Assert.Equal(Path.Combine(dir, "target") + "\nnot-followed\n", RunOk(spec).Stdout);
    }

    [Fact]
    public void Dest_Nofollow_Mounts_On_The_Symlink_Not_On_Its_Target()
    {
        var rootfs = PrivateRootfs();
        File.WriteAllText(Path.Combine(rootfs, "tmp", "victim"), "original\n");
        File.CreateSymbolicLink(Path.Combine(rootfs, "link"), "/tmp/victim");
        var src = Path.Combine(_h.TempDir("nsinit-destlink-"), "file");
        File.WriteAllText(src, "bound\n");
        var spec = PrivateSpec(rootfs, "/bin/cat", "/link", "/tmp/victim");
        spec.Mounts!.Add(Bind(src, "/link", "bind", "dest-nofollow"));
        Assert.Equal("bound\noriginal\n", RunOk(spec).Stdout);
    }

    [Fact]
    public void Rootfs_Propagation_Unbindable_Is_Applied_To_The_Root()
    {
        var spec = _h.DefaultSpec("/bin/sh", "-c", "awk '$5 == \"/\"' /proc/self/mountinfo");
        spec.Linux!.RootfsPropagation = "unbindable";
        Assert.Contains(" unbindable ", RunOk(spec).Stdout);
    }

    [Fact]
    public async Task Symlinked_Dev_Console_In_The_Image_Is_Replaced_Not_Followed()
    {
        // CVE-2025-52565 class: binding the pty on /dev/console must not land on what the image's symlink names.
        var rootfs = PrivateRootfs();
        File.CreateSymbolicLink(Path.Combine(rootfs, "dev", "console"), "/proc/sys/kernel/domainname");
        var spec = PrivateSpec(rootfs, "/bin/sleep", "100");
        spec.Mounts = spec.Mounts!.Where(m => !m.Destination.StartsWith("/dev", StringComparison.Ordinal)).ToList(); // the image's /dev
        spec.Mounts.Add(new Mount { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = ["newinstance", "ptmxmode=0666"] });
        spec.Process!.Terminal = true;
        string id = NsinitHarness.NewId();
        var bundle = _h.Bundle(spec);
        var sock = Path.Combine(_h.TempDir("nsinit-console-"), "console.sock");
        int listen = ConsoleSocket.Listen(sock);
        try
        {
            var accept = Task.Run(() => ConsoleSocket.ReceiveFd(ConsoleSocket.Accept(listen, 20000)).Fd);
            var pidFile = Path.Combine(bundle, "pid");
            var c = _h.Nsi("create", "--bundle", bundle, "--console-socket", sock, "--pid-file", pidFile, id);
            Assert.True(c.ExitCode == 0, c.ToString());
            Assert.Same(accept, await Task.WhenAny(accept, Task.Delay(20000)));
            LibContainer.Interop.RuntimeSys.Close(await accept);
            var mountinfo = File.ReadAllText($"/proc/{File.ReadAllText(pidFile).Trim()}/mountinfo");
            Assert.DoesNotContain("/proc/sys/kernel", mountinfo);
            Assert.Contains(" /dev/console ", mountinfo);
            Assert.Null(new FileInfo(Path.Combine(rootfs, "dev", "console")).LinkTarget);
        }
        finally
        {
            LibContainer.Interop.RuntimeSys.Close(listen);
            _h.Nsi("delete", "--force", id);
        }
    }

    [Theory]
    [InlineData("copy-symlink", "\"copy-symlink\" is not supported by this runtime")]
    [InlineData("sync", "\"sync\" is a filesystem (superblock) flag, which a bind mount cannot set")]
    [InlineData("size=1m", "\"size=1m\" is filesystem data, which a bind mount does not take")]
    public void Option_That_Cannot_Be_Applied_Fails_Create_Naming_It(string option, string reason)
    {
        var spec = _h.DefaultSpec("/bin/true");
        int index = spec.Mounts!.Count;
        spec.Mounts.Add(Bind(_h.TempDir("nsinit-refused-"), "/home", "rbind", option));
        AssertCreateRefused(spec, $"mounts[{index}].options[1]: {reason}");
    }

    [Fact]
    public void Config_Without_A_Mount_Namespace_Is_Refused_At_Create()
    {
        string hostMounts = File.ReadAllText("/proc/self/mountinfo");
        var spec = _h.DefaultSpec("/bin/true");
        spec.Linux!.Namespaces = spec.Linux.Namespaces!.Where(n => n.Type != "mount").ToList();
        AssertCreateRefused(spec, "linux.namespaces has no \"mount\"");
        Assert.Equal(hostMounts, File.ReadAllText("/proc/self/mountinfo"));
    }
}
