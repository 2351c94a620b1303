using System.Text;
using LibContainer.Interop;
using LibContainer.Security;
using Tmds.Linux;
using static LibContainer.Interop.Libc;

namespace LibContainer.Terminal;

/// <summary>A file descriptor received over SCM_RIGHTS and the message that came with it (runc sends the pty's name).</summary>
public readonly record struct ReceivedFd(int Fd, string Name);

/// <summary>--console-socket: an AF_UNIX stream socket over which the runtime hands the pty master to the engine,
/// one SCM_RIGHTS message carrying the fd with its name as payload (what runc does).</summary>
public static unsafe class ConsoleSocket
{
    private static readonly int MaxSunPath = sockaddr_un.sun_path_length - 1; // room for the NUL

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
                if (LibC.connect(sock, addr, len) != 0) throw SyscallException.FromLastError("connect", socketPath);
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
        var controlLen = LibC.CMSG_SPACE(sizeof(int));
        var control = stackalloc byte[controlLen];
        new Span<byte>(control, controlLen).Clear();
        fixed (byte* p = payload)
        {
            var iov = new iovec { iov_base = p, iov_len = payload.Length };
            var msg = new msghdr { msg_iov = &iov, msg_iovlen = 1, msg_control = control, msg_controllen = controlLen };
            var cmsg = LibC.CMSG_FIRSTHDR(&msg);
            cmsg->cmsg_len = CmsgLen(sizeof(int));
            cmsg->cmsg_level = LibC.SOL_SOCKET;
            cmsg->cmsg_type = LibC.SCM_RIGHTS;
            *(int*)LibC.CMSG_DATA(cmsg) = fd;
            while (true)
            {
                if (LibC.sendmsg(socketFd, &msg, LibC.MSG_NOSIGNAL) >= 0) return;
                if (RuntimeSys.Errno != Errno.EINTR) throw SyscallException.FromLastError("sendmsg", null, "SCM_RIGHTS");
            }
        }
    }

    // The C macro CMSG_LEN: the header and the data, without the trailing padding. Tmds.LibC 0.5.0's CMSG_LEN pads it
    // as CMSG_SPACE does (24 bytes for one fd, not 20), which receivers read as two fds.
    private static int CmsgLen(int dataLength) => sizeof(cmsghdr) + dataLength;

    /// <summary>Receives one fd (close-on-exec) and its name from a connected socket.</summary>
    public static ReceivedFd ReceiveFd(int socketFd)
    {
        var buf = new byte[4096];
        const int controlLen = 64;
        var control = stackalloc byte[controlLen];
        new Span<byte>(control, controlLen).Clear();
        fixed (byte* p = buf)
        {
            var iov = new iovec { iov_base = p, iov_len = buf.Length };
            var msg = new msghdr { msg_iov = &iov, msg_iovlen = 1, msg_control = control, msg_controllen = controlLen };
            long n;
            while ((n = LibC.recvmsg(socketFd, &msg, LibC.MSG_CMSG_CLOEXEC)) < 0)
                if (RuntimeSys.Errno != Errno.EINTR) throw SyscallException.FromLastError("recvmsg", null, "SCM_RIGHTS");
            var cmsg = LibC.CMSG_FIRSTHDR(&msg);
            if (cmsg == null || cmsg->cmsg_level != LibC.SOL_SOCKET || cmsg->cmsg_type != LibC.SCM_RIGHTS
                || cmsg->cmsg_len < CmsgLen(sizeof(int)))
                throw new SyscallException("recvmsg", n == 0 ? Errno.ECONNREFUSED : Errno.EINVAL, null, "no file descriptor in the message");
            var fds = (int*)LibC.CMSG_DATA(cmsg);
            // More than one fd sent: keep the first, close the others.
            var count = ((int)cmsg->cmsg_len - CmsgLen(0)) / sizeof(int);
            for (var i = 1; i < count; i++) LibC.close(fds[i]);
            return new ReceivedFd(fds[0], Encoding.UTF8.GetString(buf, 0, (int)n).TrimEnd('\0'));
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
            if (LibC.bind(sock, addr, len) == 0) return;
            if (RuntimeSys.Errno != Errno.EADDRINUSE) throw SyscallException.FromLastError("bind", socketPath);
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

    private static bool IsSocketFile(string path) =>
        RuntimeSys.StatMode(LibC.AT_FDCWD, path, nofollow: true) is { } mode && (mode & S_IFMT) == S_IFSOCK;

    /// <summary>Accepts one connection within <paramref name="timeoutMs"/> (-1 = forever); throws ETIMEDOUT.</summary>
    public static int Accept(int listenFd, int timeoutMs = -1)
    {
        var p = new PollFd { Fd = listenFd, Events = LibC.POLLIN };
        int r;
        while ((r = poll(&p, 1, timeoutMs)) < 0)
            if (RuntimeSys.Errno != Errno.EINTR) throw SyscallException.FromLastError("poll", null, "console socket");
        if (r == 0) throw new SyscallException("accept", Errno.ETIMEDOUT, null, "console socket");
        int fd;
        while ((fd = LibC.accept4(listenFd, null, null, LibC.SOCK_CLOEXEC)) < 0)
            if (RuntimeSys.Errno != Errno.EINTR) throw SyscallException.FromLastError("accept4", null, "console socket");
        return fd;
    }

    /// <summary>A connected pair of AF_UNIX stream sockets (close-on-exec).</summary>
    public static (int A, int B) Pair()
    {
        var fds = stackalloc int[2];
        if (LibC.socketpair(AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0, fds) != 0) throw SyscallException.FromLastError("socketpair");
        return (fds[0], fds[1]);
    }

    private delegate void AddressAction(sockaddr* addr, socklen_t len);

    private static void WithAddress(string socketPath, AddressAction action)
    {
        var target = socketPath;
        var dirFd = -1;
        if (Encoding.UTF8.GetByteCount(socketPath) > MaxSunPath)
        {
            // Too long for sun_path: open the directory and go through /proc/self/fd.
            var dir = Path.GetDirectoryName(Path.GetFullPath(socketPath)) ?? "/";
            dirFd = RuntimeSys.Open(dir, LibC.O_PATH | LibC.O_DIRECTORY);
            target = $"/proc/self/fd/{dirFd}/{Path.GetFileName(socketPath)}";
            if (Encoding.UTF8.GetByteCount(target) > MaxSunPath)
            {
                LibC.close(dirFd);
                throw new SyscallException("connect", Errno.ENAMETOOLONG, socketPath);
            }
        }
        try
        {
            var addr = new sockaddr_un { sun_family = LibC.AF_UNIX };
            var bytes = Encoding.UTF8.GetBytes(target);
            for (var i = 0; i < bytes.Length; i++) addr.sun_path[i] = bytes[i];
            action((sockaddr*)&addr, sockaddr_un.sun_path_offset + bytes.Length + 1);
        }
        finally
        {
            if (dirFd >= 0) LibC.close(dirFd);
        }
    }
}
