using System.Text;
using LibContainer.Interop;
using LibContainer.Security;
using static LibContainer.Interop.ConsoleNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Terminal;

/// <summary>A file descriptor received over SCM_RIGHTS and the message that came with it (runc sends the pty's name).</summary>
public readonly record struct ReceivedFd(int Fd, string Name);

/// <summary>--console-socket: an AF_UNIX stream socket over which the runtime hands the pty master to the engine,
/// one SCM_RIGHTS message carrying the fd with its name as payload (what runc does).</summary>
public static unsafe class ConsoleSocket
{
    private const int MaxSunPath = 107;

    /// <summary>The payload runc sends with the master.</summary>
    public const string DefaultName = "/dev/ptmx";

    /// <summary>Connects to the socket at <paramref name="socketPath"/> and sends <paramref name="fd"/>.</summary>
    public static void SendFd(string socketPath, int fd, string name = DefaultName)
    {
        var sock = Connect(socketPath);
        try
        {
            SendFd(sock, fd, name);
        }
        finally
        {
            LibC.close(sock);
        }
    }

    /// <summary>A connected AF_UNIX stream socket to <paramref name="socketPath"/> (close-on-exec). Paths longer
    /// than sun_path are reached through /proc/self/fd/N of their directory.</summary>
    public static int Connect(string socketPath)
    {
        var sock = LibC.socket(AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
        if (sock < 0) throw SyscallException.FromLastError("socket", socketPath);
        try
        {
            WithAddress(socketPath, (addr, len) =>
            {
                if (connect(sock, addr, len) != 0) throw SyscallException.FromLastError("connect", socketPath);
            });
            return sock;
        }
        catch
        {
            LibC.close(sock);
            throw;
        }
    }

    /// <summary>Sends <paramref name="fd"/> over a connected socket with <paramref name="name"/> as the data.</summary>
    public static void SendFd(int socketFd, int fd, string name = DefaultName)
    {
        var payload = Encoding.UTF8.GetBytes(name.Length == 0 ? "\0" : name);
        var control = stackalloc byte[32];
        new Span<byte>(control, 32).Clear();
        var cmsg = (CmsgHdr*)control;
        cmsg->Len = (nuint)(sizeof(CmsgHdr) + sizeof(int));
        cmsg->Level = LibC.SOL_SOCKET;
        cmsg->Type = LibC.SCM_RIGHTS;
        *(int*)(control + sizeof(CmsgHdr)) = fd;
        fixed (byte* p = payload)
        {
            var iov = new IoVec { Base = p, Len = (nuint)payload.Length };
            var msg = new MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = (nuint)(sizeof(CmsgHdr) + 8) };
            while (true)
            {
                if (sendmsg(socketFd, &msg, LibC.MSG_NOSIGNAL) >= 0) return;
                if (Pty.LastError != Errno.EINTR) throw SyscallException.FromLastError("sendmsg", null, "SCM_RIGHTS");
            }
        }
    }

    /// <summary>Receives one fd (close-on-exec) and its name from a connected socket.</summary>
    public static ReceivedFd ReceiveFd(int socketFd)
    {
        var buf = new byte[4096];
        var control = stackalloc byte[64];
        new Span<byte>(control, 64).Clear();
        fixed (byte* p = buf)
        {
            var iov = new IoVec { Base = p, Len = (nuint)buf.Length };
            var msg = new MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = 64 };
            nint n;
            while ((n = recvmsg(socketFd, &msg, LibC.MSG_CMSG_CLOEXEC)) < 0)
                if (Pty.LastError != Errno.EINTR) throw SyscallException.FromLastError("recvmsg", null, "SCM_RIGHTS");
            var cmsg = (CmsgHdr*)control;
            if (msg.ControlLen < (nuint)sizeof(CmsgHdr) || cmsg->Level != LibC.SOL_SOCKET || cmsg->Type != LibC.SCM_RIGHTS
                || cmsg->Len < (nuint)(sizeof(CmsgHdr) + sizeof(int)))
                throw new SyscallException("recvmsg", n == 0 ? Errno.ECONNREFUSED : Errno.EINVAL, null, "no file descriptor in the message");
            var fd = *(int*)(control + sizeof(CmsgHdr));
            // More than one fd sent: keep the first, close the others.
            var count = ((int)cmsg->Len - sizeof(CmsgHdr)) / sizeof(int);
            for (var i = 1; i < count; i++) LibC.close(*(int*)(control + sizeof(CmsgHdr) + i * sizeof(int)));
            return new ReceivedFd(fd, Encoding.UTF8.GetString(buf, 0, (int)n).TrimEnd('\0'));
        }
    }

    /// <summary>Creates a listening socket at <paramref name="socketPath"/>. A stale socket there (nobody listening)
    /// is replaced; a live socket or any other file is an EADDRINUSE error.</summary>
    public static int Listen(string socketPath, int backlog = 4)
    {
        var sock = LibC.socket(AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
        if (sock < 0) throw SyscallException.FromLastError("socket", socketPath);
        try
        {
            if (!TryBind(sock, socketPath))
            {
                if (!IsStaleSocket(socketPath)) throw new SyscallException("bind", Errno.EADDRINUSE, socketPath);
                File.Delete(socketPath);
                if (!TryBind(sock, socketPath)) throw new SyscallException("bind", Errno.EADDRINUSE, socketPath);
            }
            if (LibC.listen(sock, backlog) != 0) throw SyscallException.FromLastError("listen", socketPath);
            return sock;
        }
        catch
        {
            LibC.close(sock);
            throw;
        }
    }

    private static bool TryBind(int sock, string socketPath)
    {
        var ok = true;
        WithAddress(socketPath, (addr, len) =>
        {
            if (bind(sock, addr, len) == 0) return;
            if (Pty.LastError != Errno.EADDRINUSE) throw SyscallException.FromLastError("bind", socketPath);
            ok = false;
        });
        return ok;
    }

    // A socket file whose listener is gone refuses connections.
    private static bool IsStaleSocket(string socketPath)
    {
        if (!IsSocketFile(socketPath)) return false;
        try
        {
            LibC.close(Connect(socketPath));
            return false;
        }
        catch (SyscallException e)
        {
            return e.Errno == Errno.ECONNREFUSED;
        }
    }

    private static bool IsSocketFile(string path)
    {
        LinuxAbi.RequireX64();
        Stat st;
        int rc;
        fixed (byte* p = RootfsFile.Utf8Z(path)) rc = lstat(p, (byte*)&st);
        if (rc != 0) return false;
        return (st.Mode & S_IFMT) == S_IFSOCK;
    }

    /// <summary>Accepts one connection within <paramref name="timeoutMs"/> (-1 = forever); throws ETIMEDOUT.</summary>
    public static int Accept(int listenFd, int timeoutMs = -1)
    {
        var p = new PollFd { Fd = listenFd, Events = LibC.POLLIN };
        int r;
        while ((r = poll(&p, 1, timeoutMs)) < 0)
            if (Pty.LastError != Errno.EINTR) throw SyscallException.FromLastError("poll", null, "console socket");
        if (r == 0) throw new SyscallException("accept", Errno.ETIMEDOUT, null, "console socket");
        int fd;
        while ((fd = LibC.accept4(listenFd, null, null, LibC.SOCK_CLOEXEC)) < 0)
            if (Pty.LastError != Errno.EINTR) throw SyscallException.FromLastError("accept4", null, "console socket");
        return fd;
    }

    /// <summary>A connected pair of AF_UNIX stream sockets (close-on-exec).</summary>
    public static (int A, int B) Pair()
    {
        var fds = stackalloc int[2];
        if (LibC.socketpair(AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0, fds) != 0) throw SyscallException.FromLastError("socketpair");
        return (fds[0], fds[1]);
    }

    private delegate void AddressAction(SockaddrUn* addr, uint len);

    private static void WithAddress(string socketPath, AddressAction action)
    {
        var target = socketPath;
        var dirFd = -1;
        if (Encoding.UTF8.GetByteCount(socketPath) > MaxSunPath)
        {
            // Too long for sun_path: open the directory and go through /proc/self/fd.
            var dir = Path.GetDirectoryName(Path.GetFullPath(socketPath)) ?? "/";
            fixed (byte* d = RootfsFile.Utf8Z(dir)) dirFd = LibC.open(d, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
            if (dirFd < 0) throw SyscallException.FromLastError("open", dir);
            target = $"/proc/self/fd/{dirFd}/{Path.GetFileName(socketPath)}";
            if (Encoding.UTF8.GetByteCount(target) > MaxSunPath)
            {
                LibC.close(dirFd);
                throw new SyscallException("connect", Errno.ENAMETOOLONG, socketPath);
            }
        }
        try
        {
            var addr = new SockaddrUn { Family = AF_UNIX };
            var bytes = Encoding.UTF8.GetBytes(target);
            for (var i = 0; i < bytes.Length; i++) addr.Path[i] = bytes[i];
            action(&addr, (uint)(2 + bytes.Length + 1));
        }
        finally
        {
            if (dirFd >= 0) LibC.close(dirFd);
        }
    }
}
