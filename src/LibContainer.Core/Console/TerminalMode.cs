using Tmds.Linux;
using static LibContainer.Interop.ConsoleNative;

namespace LibContainer.Terminal;

/// <summary>Puts the caller's terminal in raw mode and restores the saved settings on Dispose.</summary>
public sealed unsafe class TerminalMode : IDisposable
{
    private readonly int _fd;
    private termios _saved;
    private bool _restored;

    private TerminalMode(int fd, termios saved)
    {
        _fd = fd;
        _saved = saved;
    }

    /// <summary>Switches <paramref name="fd"/> to raw mode (cfmakeraw); null when it is not a terminal.</summary>
    public static TerminalMode? MakeRaw(int fd)
    {
        if (LibC.isatty(fd) != 1) return null;
        termios t;
        if (LibC.tcgetattr(fd, &t) != 0) throw SyscallException.FromLastError("tcgetattr", null, $"fd {fd}");
        var raw = t;
        cfmakeraw(&raw);
        if (LibC.tcsetattr(fd, TCSANOW, &raw) != 0) throw SyscallException.FromLastError("tcsetattr", null, $"fd {fd}");
        return new TerminalMode(fd, t);
    }

    public void Dispose()
    {
        if (_restored) return;
        _restored = true;
        fixed (termios* t = &_saved) LibC.tcsetattr(_fd, TCSANOW, t);
    }
}
