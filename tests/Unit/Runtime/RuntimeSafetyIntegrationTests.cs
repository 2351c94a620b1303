using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>What a container must never be able to do to the host.</summary>
[Trait("Category", "Integration")]
public sealed class RuntimeSafetyIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Symlink_In_Image_Cannot_Redirect_A_Mount_To_The_Host()
    {
        // A private rootfs whose /escape is a symlink to an absolute host path.
        var rootfs = _h.TempDir("nsinit-evil-rootfs-");
        var hostTarget = _h.TempDir("nsinit-host-target-");
        foreach (var d in new[] { "bin", "proc", "dev", "sys", "tmp" }) Directory.CreateDirectory(Path.Combine(rootfs, d));
        File.Copy(Path.Combine(_h.Rootfs, "bin", "busybox"), Path.Combine(rootfs, "bin", "busybox"));
        File.CreateSymbolicLink(Path.Combine(rootfs, "bin", "sh"), "/bin/busybox");
        File.CreateSymbolicLink(Path.Combine(rootfs, "escape"), hostTarget);
        File.CreateSymbolicLink(Path.Combine(rootfs, "dotdot"), "../../../../../../.." + hostTarget);

        var spec = _h.DefaultSpec("/bin/sh", "-c", "/bin/busybox grep -E 'escape|sub' /proc/self/mountinfo; /bin/busybox ls -d " + hostTarget + "/sub1 " + hostTarget + "/sub2");
        spec.Root = new Root { Path = rootfs, Readonly = false };
        spec.Mounts!.Add(new Mount { Destination = "/escape/sub1", Type = "tmpfs", Source = "tmpfs" });
        spec.Mounts.Add(new Mount { Destination = "/dotdot/sub2", Type = "tmpfs", Source = "tmpfs" });
        string hostMountsBefore = File.ReadAllText("/proc/self/mountinfo");
        var r = _h.Run(spec);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(hostTarget));
        Assert.DoesNotContain(hostTarget, File.ReadAllText("/proc/self/mountinfo").Replace(hostMountsBefore, ""));
        // Inside, the mount landed on the in-root resolution of the link.
        Assert.True(Directory.Exists(rootfs + hostTarget + "/sub1"), "in-root target of /escape not created");
        Assert.True(Directory.Exists(rootfs + hostTarget + "/sub2"), "in-root target of /dotdot not created");
    }

    [Fact]
    public void Container_Gets_Its_Own_Session_Keyring_Unless_No_New_Keyring()
    {
        // The host lists every keyring root can view in /proc/keys (the container's own /proc/keys is masked).
        string withRing = NsinitHarness.NewId(), withoutRing = NsinitHarness.NewId();
        try
        {
            // A bundle each: DefaultSpec gives each its own cgroup, and two containers never share one.
            Assert.Equal(0, _h.Nsi("create", "--bundle", _h.Bundle(_h.DefaultSpec("/bin/sleep", "100")), withRing).ExitCode);
            Assert.Equal(0, _h.Nsi("create", "--no-new-keyring", "--bundle", _h.Bundle(_h.DefaultSpec("/bin/sleep", "100")), withoutRing).ExitCode);
            var keys = File.ReadAllText("/proc/keys");
            Assert.Contains("_ses." + withRing + ":", keys);
            Assert.DoesNotContain("_ses." + withoutRing + ":", keys);
        }
        finally
        {
            _h.Nsi("delete", "--force", withRing);
            _h.Nsi("delete", "--force", withoutRing);
        }
    }

    [Fact]
    public void Nsinit_Is_Single_Mutator_Until_The_Namespace_Clone()
    {
        // Forking is safe only while no other thread can allocate. The NativeAOT runtime's idle
        // finalizer thread is the one thread allowed before the clone; anything more (Console, timers, thread
        // pool) shows up here as another CLONE_THREAD.
        Assert.True(File.Exists("/usr/bin/strace"), "strace is needed for this test (apt-get install strace)");
        var trace = Path.Combine(_h.TempDir("nsinit-strace-"), "trace");
        var bundle = _h.Bundle(_h.DefaultSpec("/bin/true"));
        var r = NsinitHarness.RunProcess("/usr/bin/strace", new[] { "-f", "-e", "trace=clone,clone3", "-o", trace,
            _h.Nsinit, "--root", _h.Root, "run", "--bundle", bundle, NsinitHarness.NewId() });
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = File.ReadAllLines(trace);
        int nsClone = Array.FindIndex(lines, l => l.Contains("CLONE_NEWPID"));
        Assert.True(nsClone > 0, string.Join('\n', lines));
        Assert.Equal(1, lines.Take(nsClone).Count(l => l.Contains("CLONE_THREAD")));
    }

    [Fact]
    public void Init_Is_Not_Dumpable_Before_Exec()
    {
        // A second container joins the first one's pid namespace while the first is still "created": init's
        // /proc/1/exe (the host nsinit binary) must be out of reach.
        string first = NsinitHarness.NewId();
        var bundle = _h.Bundle(_h.DefaultSpec("/bin/true"));
        var pidFile = Path.Combine(bundle, "pid");
        Assert.Equal(0, _h.Nsi("create", "--bundle", bundle, "--pid-file", pidFile, first).ExitCode);
        int pid = int.Parse(File.ReadAllText(pidFile));

        var spec = _h.DefaultSpec("/bin/sh", "-c", "readlink /proc/1/exe; echo rc=$?; echo x >> /proc/1/exe; echo rc=$?");
        spec.Linux!.Namespaces = spec.Linux.Namespaces!.Select(n => n.Type == "pid" ? new LinuxNamespace { Type = "pid", Path = $"/proc/{pid}/ns/pid" } : n).ToList();
        var r = _h.Run(spec);
        Assert.Contains("rc=1", r.Stdout);
        Assert.DoesNotContain("nsinit", r.Stdout);
        Assert.DoesNotContain("rc=0", r.Stdout);
        Assert.Equal(0, _h.Nsi("delete", first).ExitCode);
    }
}
