using System.Runtime.InteropServices;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.Interop;
using LibContainer.Security.Seccomp;
using LibContainer.Terminal;
using LibContainer.Tests.Runtime;
using Xunit;

namespace LibContainer.Tests.Seccomp;

/// <summary>linux.seccomp applied to real containers (published nsinit, busybox rootfs).</summary>
[Trait("Category", "Integration")]
public sealed class SeccompIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static LinuxSeccomp AllowAllBut(params LinuxSyscall[] rules)
        => new() { DefaultAction = "SCMP_ACT_ALLOW", Syscalls = rules.ToList() };

    private static LinuxSyscall Rule(string action, uint? errnoRet, params string[] names)
        => new() { Names = names.ToList(), Action = action, ErrnoRet = errnoRet };

    private NsinitResult Run(LinuxSeccomp profile, string script, Action<Spec>? edit = null)
    {
        var spec = _h.DefaultSpec("/bin/sh", "-c", script);
        spec.Linux!.Seccomp = profile;
        edit?.Invoke(spec);
        return _h.Run(spec);
    }

    [Theory]
    [InlineData(true)]  // loaded last, right before execve
    [InlineData(false)] // no no_new_privs and no CAP_SYS_ADMIN: loaded before the credentials change
    public void Errno_Action_Returns_The_Configured_Errno(bool noNewPrivileges)
    {
        var r = Run(AllowAllBut(Rule("SCMP_ACT_ERRNO", 13, "getcwd")), "/bin/busybox pwd; echo status=$?",
            s => { s.Process!.NoNewPrivileges = noNewPrivileges; s.Process.User = new User { Uid = 1000, Gid = 1000 }; });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Permission denied", r.Stderr); // EACCES, not the EPERM default
        Assert.Contains("status=1", r.Stdout);
        var plain = Run(AllowAllBut(Rule("SCMP_ACT_ERRNO", null, "getcwd")), "/bin/busybox pwd");
        Assert.Contains("Operation not permitted", plain.Stderr); // errnoRet absent: EPERM
    }

    [Fact]
    public void Kill_Process_Ends_The_Container_With_Sigsys()
    {
        var r = Run(AllowAllBut(Rule("SCMP_ACT_KILL_PROCESS", null, "getcwd")), "/bin/busybox pwd");
        Assert.Equal(128 + 31, r.ExitCode);
    }

    [Fact]
    public void Argument_Conditions_Filter_Personality()
    {
        // Everything but the query (0xffffffff) is denied: linux32 (PER_LINUX32 = 8) fails, the query passes.
        var ne = Rule("SCMP_ACT_ERRNO", null, "personality");
        ne.Args = [new LinuxSeccompArg { Index = 0, Value = 0xffffffff, Op = "SCMP_CMP_NE" }];
        var r = Run(AllowAllBut(ne), "linux32 true; echo linux32=$?; uname -m");
        Assert.Contains("linux32=1", r.Stdout);
        Assert.Contains("x86_64", r.Stdout);

        // MASKED_EQ: (arg & 8) == 8 gets EINVAL, so linux32 fails and linux64 (personality 0) runs.
        var masked = Rule("SCMP_ACT_ERRNO", 22, "personality");
        masked.Args = [new LinuxSeccompArg { Index = 0, Value = 8, ValueTwo = 8, Op = "SCMP_CMP_MASKED_EQ" }];
        r = Run(AllowAllBut(masked), "linux32 true; echo linux32=$?; linux64 true; echo linux64=$?");
        Assert.Contains("linux32=1", r.Stdout);
        Assert.Contains("Invalid argument", r.Stderr);
        Assert.Contains("linux64=0", r.Stdout);
    }

    [Fact]
    public void Status_Shows_The_Filter_With_Flags_And_Architectures()
    {
        var profile = AllowAllBut(Rule("SCMP_ACT_ERRNO", null, "mount"));
        profile.Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"];
        profile.Flags = SeccompTables.SupportedFlags().Where(f => f != "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV").ToList();
        Assert.Contains("SECCOMP_FILTER_FLAG_TSYNC", profile.Flags); // busybox has no threads: TSYNC is loaded, not exercised
        var r = Run(profile, "grep Seccomp /proc/self/status");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Seccomp:\t2", r.Stdout);
        Assert.Contains("Seccomp_filters:\t1", r.Stdout);
    }

    [Fact]
    public void Unsupported_Architecture_Is_Refused_At_Create_With_Its_Path()
    {
        var profile = AllowAllBut(Rule("SCMP_ACT_ERRNO", null, "mount"));
        profile.Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_M68K"];
        var r = Run(profile, "true");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("linux.seccomp.architectures[1]", r.Stderr);
        Assert.Empty(Directory.GetDirectories(_h.Root));
    }

    [Fact]
    public void Unknown_Syscall_Names_Are_Skipped()
    {
        _h.GlobalArgs = ["--debug"];
        var r = Run(AllowAllBut(Rule("SCMP_ACT_ERRNO", null, "no_such_syscall_here", "getcwd")), "/bin/busybox pwd; echo status=$?");
        Assert.Contains("status=1", r.Stdout);
        Assert.Contains("nsinit: debug: seccomp: unknown syscall names skipped: no_such_syscall_here", r.Stderr);
    }

    [Fact]
    public void Exec_Process_Is_Filtered_Too()
    {
        string id = NsinitHarness.NewId();
        var spec = _h.DefaultSpec("/bin/sleep", "60");
        spec.Linux!.Seccomp = AllowAllBut(Rule("SCMP_ACT_ERRNO", 13, "getcwd"));
        var started = _h.Nsi("run", "--detach", "--bundle", _h.Bundle(spec), id);
        Assert.True(started.ExitCode == 0, started.ToString());
        var r = _h.Nsi("exec", id, "/bin/sh", "-c", "grep Seccomp /proc/self/status; /bin/busybox pwd");
        Assert.Contains("Seccomp:\t2", r.Stdout);
        Assert.Contains("Seccomp_filters:\t1", r.Stdout);
        Assert.Contains("Permission denied", r.Stderr);
    }

    [Fact]
    public void Default_Profile_Runs_Busybox_And_Blocks_Namespaces_And_Mount()
    {
        var r = Run(DefaultSeccompProfile.Create(),
            "ls / >/dev/null && ps >/dev/null && seq 100 | sort -n | md5sum >/dev/null && date >/dev/null && echo ok;"
            + " unshare -m true; echo unshare=$?; mount -t tmpfs none /mnt; echo mount=$?; grep Seccomp: /proc/self/status",
            s =>
            {
                var c = s.Process!.Capabilities!; // the filter refuses, not a missing capability
                foreach (var set in new[] { c.Bounding!, c.Effective!, c.Permitted! }) set.Add("CAP_SYS_ADMIN");
            });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("ok\n", r.Stdout);
        Assert.Contains("unshare=1", r.Stdout);
        Assert.DoesNotContain("mount=0", r.Stdout);
        Assert.Contains("Operation not permitted", r.Stderr);
        Assert.Contains("Seccomp:\t2", r.Stdout);
    }

    [Fact]
    public async Task Notify_Sends_The_Listener_And_The_Listener_Answers()
    {
        var dir = _h.TempDir("nsinit-seccomp-");
        string sock = Path.Combine(dir, "listener.sock");
        int listen = ConsoleSocket.Listen(sock);
        var listener = Task.Run(() => AnswerOneMkdir(listen));
        var profile = AllowAllBut(Rule("SCMP_ACT_NOTIFY", null, "mkdir", "mkdirat"));
        profile.ListenerPath = sock;
        profile.ListenerMetadata = "test-metadata";
        profile.Flags = SeccompTables.SupportedFlags().Where(f => f is "SECCOMP_FILTER_FLAG_TSYNC" or "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV").ToList();
        var r = Run(profile, "mkdir /dev/shm/n && echo made; test -d /dev/shm/n || echo absent");
        var (state, nr) = await listener.WaitAsync(TimeSpan.FromSeconds(30));
        RuntimeSys.Close(listen);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("made\nabsent\n", r.Stdout); // the listener said "success" without making the directory
        using var doc = JsonDocument.Parse(state);
        Assert.Equal("seccompFd", doc.RootElement.GetProperty("fds")[0].GetString());
        Assert.Equal("test-metadata", doc.RootElement.GetProperty("metadata").GetString());
        Assert.Equal("creating", doc.RootElement.GetProperty("state").GetProperty("status").GetString());
        Assert.True(doc.RootElement.GetProperty("pid").GetInt32() > 1);
        Assert.Contains(nr, new[] { 83, 258 }); // mkdir or mkdirat on x86-64
    }

    /// <summary>Receives the listener fd, takes one notification and answers it with success (0).</summary>
    private static unsafe (string State, int Nr) AnswerOneMkdir(int listen)
    {
        int conn = ConsoleSocket.Accept(listen, 20000);
        try
        {
            var received = ConsoleSocket.ReceiveFd(conn);
            try
            {
                byte* notif = stackalloc byte[80]; // struct seccomp_notif
                new Span<byte>(notif, 80).Clear();
                const ulong NotifRecv = 0xC0502100, NotifSend = 0xC0182101;
                if (Libc.ioctl(received.Fd, NotifRecv, (nint)notif) < 0) throw SyscallException.FromLastError("ioctl", null, "SECCOMP_IOCTL_NOTIF_RECV");
                int nr = *(int*)(notif + 16);
                byte* resp = stackalloc byte[24]; // struct seccomp_notif_resp: id, val, error, flags
                new Span<byte>(resp, 24).Clear();
                *(ulong*)resp = *(ulong*)notif;
                if (Libc.ioctl(received.Fd, NotifSend, (nint)resp) < 0) throw SyscallException.FromLastError("ioctl", null, "SECCOMP_IOCTL_NOTIF_SEND");
                return (received.Name, nr);
            }
            finally { RuntimeSys.Close(received.Fd); }
        }
        finally { RuntimeSys.Close(conn); }
    }
}
