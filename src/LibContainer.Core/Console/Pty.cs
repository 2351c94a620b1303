using System.Runtime.InteropServices;
using LibContainer.Config;
using LibContainer.Interop;
using LibContainer.Security;
using static LibContainer.Interop.ConsoleNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Terminal;

/// <summary>A pseudo-terminal: the master (runtime/engine side), the slave (the container's stdio) and the slave's
/// path as seen through the devpts instance the ptmx belongs to.</summary>
public readonly record struct PtyPair(int MasterFd, int SlaveFd, string SlavePath);

/// <summary>Opening ptys and sizing them. All fds are close-on-exec (dup2 onto 0/1/2 clears that).</summary>
public static unsafe class Pty
{
    /// <summary>Opens a new pty from <paramref name="ptmxPath"/> (in init: the container's /dev/ptmx, after devpts
    /// is mounted) and applies <paramref name="size"/> when given.</summary>
    public static PtyPair Open(ConsoleSize? size = null, string ptmxPath = "/dev/ptmx")
    {
        var master = RuntimeSys.Open(ptmxPath, LibC.O_RDWR | LibC.O_NOCTTY);
        try
        {
            int unlock = 0;
            if (ioctl(master, TIOCSPTLCK, &unlock) != 0) throw SyscallException.FromLastError("ioctl", ptmxPath, "TIOCSPTLCK");
            int n;
            if (ioctl(master, TIOCGPTN, &n) != 0) throw SyscallException.FromLastError("ioctl", ptmxPath, "TIOCGPTN");
            var slavePath = $"/dev/pts/{n}";
            // TIOCGPTPEER opens the slave of exactly this master, whatever /dev/pts points at (no path race).
            var slave = ioctl(master, TIOCGPTPEER, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
            if (slave < 0) slave = RuntimeSys.Open(slavePath, LibC.O_RDWR | LibC.O_NOCTTY);
            if (size is { Height: > 0, Width: > 0 }) SetSize(master, (ushort)size.Height, (ushort)size.Width);
            return new PtyPair(master, slave, slavePath);
        }
        catch
        {
            LibC.close(master);
            throw;
        }
    }

    /// <summary>TIOCSWINSZ on a pty (master or slave) or terminal.</summary>
    public static void SetSize(int fd, ushort rows, ushort cols)
    {
        var ws = new WinSize { Rows = rows, Cols = cols };
        if (ioctl(fd, TIOCSWINSZ, &ws) != 0) throw SyscallException.FromLastError("ioctl", null, "TIOCSWINSZ");
    }

    /// <summary>TIOCGWINSZ: (rows, cols), or null when <paramref name="fd"/> is not a terminal.</summary>
    public static (ushort Rows, ushort Cols)? GetSize(int fd)
    {
        WinSize ws;
        if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return null;
        return (ws.Rows, ws.Cols);
    }

    /// <summary>TIOCSCTTY: makes <paramref name="fd"/> the controlling terminal of the calling session leader
    /// (init calls it after setsid, before exec, when process.terminal is set).</summary>
    public static void MakeControllingTerminal(int fd)
    {
        if (ioctl(fd, TIOCSCTTY, 0) != 0) throw SyscallException.FromLastError("ioctl", null, "TIOCSCTTY");
    }

    public static bool IsTerminal(int fd) => LibC.isatty(fd) == 1;
}
