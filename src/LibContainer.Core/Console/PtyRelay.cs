using LibContainer.Interop;
using static LibContainer.Interop.ConsoleNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Terminal;

/// <summary>Relays a container's pty to the caller's terminal in one thread: poll on the input, the master and the
/// child's pidfd. No managed signal handlers (they start threads): a window-size change is noticed by checking
/// TIOCGWINSZ on each poll timeout.</summary>
public static unsafe class PtyRelay
{
    private const int ResizeCheckMs = 200, DrainQuietMs = 100, BufSize = 16384;
    private static readonly int Readable = (ushort)LibC.POLLIN | (ushort)LibC.POLLHUP | (ushort)LibC.POLLERR;
    private static readonly short InOrOut = (short)(LibC.POLLIN | LibC.POLLOUT);

    /// <summary>Copies <paramref name="inFd"/> → master and master → <paramref name="outFd"/> until the child behind
    /// <paramref name="childPidFd"/> has exited and the master is drained. A terminal on <paramref name="inFd"/> is in
    /// raw mode meanwhile and restored afterwards; its size is copied to the pty at start and on every change.
    /// <paramref name="inFd"/> = -1 relays output only.</summary>
    public static void Run(int masterFd, int childPidFd, int inFd = 0, int outFd = 1)
    {
        using var mode = TerminalMode.MakeRaw(inFd);
        var tty = Pty.IsTerminal(inFd);
        var lastSize = tty ? Pty.GetSize(inFd) : null;
        if (lastSize is { } s0 && s0.Rows > 0) Pty.SetSize(masterFd, s0.Rows, s0.Cols);
        SetNonBlocking(masterFd);

        var buf = new byte[BufSize];
        var pending = new byte[BufSize]; // input read but not yet accepted by the master
        int pendingOff = 0, pendingLen = 0;
        var inOpen = true;
        var fds = stackalloc PollFd[3];

        while (true)
        {
            fds[0] = new PollFd { Fd = childPidFd, Events = LibC.POLLIN };
            fds[1] = new PollFd { Fd = masterFd, Events = pendingLen > 0 ? InOrOut : LibC.POLLIN };
            fds[2] = new PollFd { Fd = inOpen && pendingLen == 0 ? inFd : -1, Events = LibC.POLLIN };
            var n = poll(fds, 3, tty ? ResizeCheckMs : -1);
            if (n < 0)
            {
                if (RuntimeSys.Errno == Errno.EINTR) continue;
                throw SyscallException.FromLastError("poll", null, "pty relay");
            }
            if (tty)
            {
                var size = Pty.GetSize(inFd);
                if (size is { } sz && size != lastSize && sz.Rows > 0)
                {
                    Pty.SetSize(masterFd, sz.Rows, sz.Cols);
                    lastSize = size;
                }
            }
            if (n == 0) continue;

            if ((fds[1].Revents & Readable) != 0 && !CopyOut(masterFd, outFd, buf))
                return; // every slave fd is closed: nothing more can come
            if ((fds[1].Revents & LibC.POLLOUT) != 0 && pendingLen > 0)
                FlushInput(masterFd, pending, ref pendingOff, ref pendingLen);
            if ((fds[2].Revents & Readable) != 0)
            {
                var r = ReadSome(inFd, pending);
                if (r == NothingYet) { }
                else if (r <= 0) inOpen = false;
                else
                {
                    pendingOff = 0;
                    pendingLen = r;
                    FlushInput(masterFd, pending, ref pendingOff, ref pendingLen);
                }
            }
            if ((fds[0].Revents & LibC.POLLIN) != 0)
            {
                Drain(masterFd, outFd, buf);
                return;
            }
        }
    }

    // After the child's exit the tty may still be flushing its last output to the master: read until EOF/EIO or
    // until nothing arrives for a short while (a background process may keep the slave open).
    private static void Drain(int masterFd, int outFd, byte[] buf)
    {
        var p = stackalloc PollFd[1];
        while (true)
        {
            p[0] = new PollFd { Fd = masterFd, Events = LibC.POLLIN };
            var n = poll(p, 1, DrainQuietMs);
            if (n < 0 && RuntimeSys.Errno == Errno.EINTR) continue;
            if (n <= 0) return;
            if (!CopyOut(masterFd, outFd, buf)) return;
        }
    }

    // Reads what the master has and writes it all to outFd; false at EOF/EIO (no slave left).
    private static bool CopyOut(int masterFd, int outFd, byte[] buf)
    {
        while (true)
        {
            long n;
            fixed (byte* b = buf) n = LibC.read(masterFd, b, buf.Length);
            if (n > 0)
            {
                WriteAll(outFd, buf, (int)n);
                continue;
            }
            if (n == 0) return false;
            var errno = RuntimeSys.Errno;
            if (errno == Errno.EINTR) continue;
            if (errno == Errno.EAGAIN) return true;
            if (errno == Errno.EIO) return false;
            throw new SyscallException("read", errno, null, "pty master");
        }
    }

    private static void FlushInput(int masterFd, byte[] pending, ref int off, ref int len)
    {
        while (len > 0)
        {
            long n;
            fixed (byte* b = &pending[off]) n = LibC.write(masterFd, b, len);
            if (n > 0)
            {
                off += (int)n;
                len -= (int)n;
                continue;
            }
            var errno = RuntimeSys.Errno;
            if (errno == Errno.EINTR) continue;
            if (errno == Errno.EAGAIN) return;
            if (errno == Errno.EIO) { len = 0; return; } // slave gone: drop the input
            throw new SyscallException("write", errno, null, "pty master");
        }
    }

    private const int NothingYet = -2;

    // Bytes read, 0 at EOF, -1 on error, NothingYet when a non-blocking input has no data.
    private static int ReadSome(int fd, byte[] buf)
    {
        while (true)
        {
            long n;
            fixed (byte* b = buf) n = LibC.read(fd, b, buf.Length);
            if (n >= 0) return (int)n;
            var errno = RuntimeSys.Errno;
            if (errno == Errno.EINTR) continue;
            if (errno == Errno.EAGAIN) return NothingYet;
            return -1;
        }
    }

    private static void WriteAll(int fd, byte[] buf, int len)
    {
        var off = 0;
        while (off < len)
        {
            long n;
            fixed (byte* b = &buf[off]) n = LibC.write(fd, b, len - off);
            if (n > 0) { off += (int)n; continue; }
            var errno = RuntimeSys.Errno;
            if (errno == Errno.EINTR) continue;
            if (errno == Errno.EAGAIN)
            {
                var p = new PollFd { Fd = fd, Events = LibC.POLLOUT };
                poll(&p, 1, -1);
                continue;
            }
            throw new SyscallException("write", errno, null, $"fd {fd}");
        }
    }

    private static void SetNonBlocking(int fd)
    {
        var flags = LibC.fcntl(fd, LibC.F_GETFL, 0);
        if (flags < 0 || LibC.fcntl(fd, LibC.F_SETFL, flags | LibC.O_NONBLOCK) < 0) throw SyscallException.FromLastError("fcntl", null, "pty master O_NONBLOCK");
    }
}
