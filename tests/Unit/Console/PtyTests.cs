using System.Text;
using LibContainer.Config;
using LibContainer.Security;
using LibContainer.Terminal;
using Xunit;
using Native = LibContainer.Interop.Libc;

namespace LibContainer.Tests.Console;

[Trait("Category", "Integration")]
public sealed unsafe class PtyTests : IDisposable
{
    private readonly List<int> _fds = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("lc-pty-").FullName;

    public void Dispose()
    {
        foreach (var fd in _fds) LibC.close(fd);
        Directory.Delete(_dir, true);
    }

    private (int A, int B) OwnedPair()
    {
        var (a, b) = ConsoleSocket.Pair();
        Own(a);
        Own(b);
        return (a, b);
    }

    private int Own(int fd)
    {
        _fds.Add(fd);
        return fd;
    }

    private PtyPair OpenPty(ConsoleSize? size = null)
    {
        var p = Pty.Open(size);
        Own(p.MasterFd);
        Own(p.SlaveFd);
        return p;
    }

    internal static void Write(int fd, string text)
    {
        var b = Encoding.UTF8.GetBytes(text);
        fixed (byte* p = b) Assert.Equal(b.Length, (int)LibC.write(fd, p, b.Length));
    }

    // Reads until `expected` shows up or 5 s pass.
    internal static string ReadUntil(int fd, string expected)
    {
        var sb = new StringBuilder();
        var buf = new byte[4096];
        var deadline = Environment.TickCount64 + 5000;
        while (!sb.ToString().Contains(expected) && Environment.TickCount64 < deadline)
        {
            var pfd = new LibContainer.Interop.PollFd { Fd = fd, Events = LibC.POLLIN };
            if (Native.poll(&pfd, 1, 200) <= 0) continue;
            long n;
            fixed (byte* p = buf) n = LibC.read(fd, p, buf.Length);
            if (n <= 0) break;
            sb.Append(Encoding.UTF8.GetString(buf, 0, (int)n));
        }
        return sb.ToString();
    }

    [Fact]
    public void Open_gives_a_working_pair()
    {
        var p = OpenPty();
        Assert.Matches(@"^/dev/pts/\d+$", p.SlavePath);
        Assert.True(File.Exists(p.SlavePath));
        Assert.True(Pty.IsTerminal(p.SlaveFd));
        Write(p.SlaveFd, "hello\n");
        Assert.Contains("hello\r\n", ReadUntil(p.MasterFd, "hello\r\n")); // ONLCR on the slave side
        Write(p.MasterFd, "typed\n");
        Assert.Contains("typed", ReadUntil(p.SlaveFd, "typed"));
    }

    [Fact]
    public void Console_size_is_applied()
    {
        var p = OpenPty(new ConsoleSize { Height = 40, Width = 132 });
        Assert.Equal(((ushort)40, (ushort)132), Pty.GetSize(p.SlaveFd));
        Pty.SetSize(p.MasterFd, 10, 20);
        Assert.Equal(((ushort)10, (ushort)20), Pty.GetSize(p.SlaveFd));
        Assert.Null(Pty.GetSize(Own(ConsoleSocket.Pair().A)));
    }

    [Fact]
    public void Master_travels_over_a_console_socket()
    {
        var p = OpenPty();
        var path = Path.Combine(_dir, "console.sock");
        var listener = Own(ConsoleSocket.Listen(path));
        ConsoleSocket.SendFd(path, p.MasterFd); // connect succeeds before accept (backlog)
        var conn = Own(ConsoleSocket.Accept(listener, 5000));
        var got = ConsoleSocket.ReceiveFd(conn);
        Own(got.Fd);
        Assert.Equal(ConsoleSocket.DefaultName, got.Name);
        Assert.NotEqual(p.MasterFd, got.Fd);
        Write(p.SlaveFd, "via socket\n");
        Assert.Contains("via socket", ReadUntil(got.Fd, "via socket"));
    }

    [Fact]
    public void Fd_and_name_over_a_socketpair()
    {
        var p = OpenPty();
        var (a, b) = OwnedPair();
        ConsoleSocket.SendFd(a, p.MasterFd, p.SlavePath);
        var got = ConsoleSocket.ReceiveFd(b);
        Own(got.Fd);
        Assert.Equal(p.SlavePath, got.Name);
        Write(got.Fd, "to slave\n");
        Assert.Contains("to slave", ReadUntil(p.SlaveFd, "to slave"));
    }

    // What engines check (containerd: "number of fds is not 1"): the control message says one fd, cmsg_len is C's
    // CMSG_LEN(sizeof(int)) = 20, not the padded 24.
    [Fact]
    public void The_sent_control_message_carries_exactly_one_fd()
    {
        var p = OpenPty();
        var (a, b) = OwnedPair();
        ConsoleSocket.SendFd(a, p.MasterFd);
        var data = stackalloc byte[64];
        var control = stackalloc byte[64];
        var iov = new Tmds.Linux.iovec { iov_base = data, iov_len = 64 };
        var msg = new Tmds.Linux.msghdr { msg_iov = &iov, msg_iovlen = 1, msg_control = control, msg_controllen = 64 };
        Assert.True(LibC.recvmsg(b, &msg, LibC.MSG_CMSG_CLOEXEC) > 0);
        var cmsg = LibC.CMSG_FIRSTHDR(&msg);
        Assert.True(cmsg != null);
        Own(*(int*)LibC.CMSG_DATA(cmsg));
        Assert.Equal(20, (int)cmsg->cmsg_len);
        Assert.Equal(24, (int)msg.msg_controllen);
    }
    [Fact]
    public void Long_socket_paths_work()
    {
        var deep = Path.Combine(_dir, new string('d', 60), new string('e', 60));
        Directory.CreateDirectory(deep);
        var path = Path.Combine(deep, "console.sock");
        Assert.True(path.Length > 108);
        var listener = Own(ConsoleSocket.Listen(path));
        var p = OpenPty();
        ConsoleSocket.SendFd(path, p.MasterFd);
        var got = ConsoleSocket.ReceiveFd(Own(ConsoleSocket.Accept(listener, 5000)));
        Own(got.Fd);
        Assert.True(got.Fd > 2);
    }

    [Fact]
    public void Listen_replaces_a_stale_socket_but_not_a_live_one_or_a_file()
    {
        var path = Path.Combine(_dir, "stale.sock");
        LibC.close(ConsoleSocket.Listen(path)); // closed listener leaves a stale socket file behind
        Assert.True(File.Exists(path));
        var live = Own(ConsoleSocket.Listen(path));
        Assert.Equal(Errno.EADDRINUSE, Assert.Throws<SyscallException>(() => ConsoleSocket.Listen(path)).Errno);
        var file = Path.Combine(_dir, "plain");
        File.WriteAllText(file, "keep me");
        Assert.Throws<SyscallException>(() => ConsoleSocket.Listen(file));
        Assert.Equal("keep me", File.ReadAllText(file));
        Assert.True(live > 2);
    }

    [Fact]
    public void Connecting_to_a_missing_socket_names_the_path()
    {
        var path = Path.Combine(_dir, "missing.sock");
        var ex = Assert.Throws<SyscallException>(() => ConsoleSocket.SendFd(path, 0));
        Assert.Equal(Errno.ENOENT, ex.Errno);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Receive_without_fd_fails_clearly()
    {
        var (a, b) = OwnedPair();
        Write(a, "no fd here");
        Assert.Throws<SyscallException>(() => ConsoleSocket.ReceiveFd(b));
    }

    [Fact]
    public void Relay_copies_both_ways_until_the_child_exits()
    {
        var p = OpenPty();
        var (inR, inW) = Pipe();
        var (outR, outW) = Pipe();
        // The child prints, reads one line from the pty, answers, exits.
        var pid = Spawner.Spawn("/bin/sh", ["sh", "-c", "echo hello; read x; echo \"got $x\""], [], p.SlaveFd, p.SlaveFd, p.SlaveFd);
        LibC.close(p.SlaveFd);
        _fds.Remove(p.SlaveFd);
        var pidfd = Own(PidFd.Open(pid));
        Write(inW, "abc\n");
        LibC.close(inW);
        _fds.Remove(inW);

        PtyRelay.Run(p.MasterFd, pidfd, inR, outW);
        Assert.Equal("exit status 0", PidFd.DescribeStatus(PidFd.Reap(pid)));
        LibC.close(outW);
        _fds.Remove(outW);
        var output = ReadUntil(outR, "got abc");
        Assert.Contains("hello", output);
        Assert.Contains("got abc", output);
    }

    private (int R, int W) Pipe()
    {
        var fds = stackalloc int[2];
        Assert.Equal(0, LibC.pipe2(fds, LibC.O_CLOEXEC));
        return (Own(fds[0]), Own(fds[1]));
    }
}
