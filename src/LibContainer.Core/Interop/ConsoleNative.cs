using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>libc entry points for ptys and terminals that Tmds.LibC lacks or binds unusably (docs/runtime.md, "libc
/// bindings"); the terminal calls (tcgetattr, tcsetattr on Tmds' termios) and the console socket's (socket, connect,
/// bind, accept4, sendmsg, recvmsg over Tmds' sockaddr_un and msghdr) are Tmds'. cfmakeraw: Tmds lacks it. TIOC*
/// stay own: Tmds' are int properties (TIOCGPTN negative), while the own ioctl takes an unsigned long request.</summary>
internal static unsafe partial class ConsoleNative
{
    public const uint TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, TIOCSCTTY = 0x540E, TIOCGPTPEER = 0x5441,
        TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431;

    /// <summary>Tmds' TCSANOW is a uint, its tcsetattr takes an int.</summary>
    public const int TCSANOW = 0;

    [StructLayout(LayoutKind.Sequential)]
    public struct WinSize { public ushort Rows; public ushort Cols; public ushort XPixel; public ushort YPixel; }

    /// <summary>Tmds.LibC has termios, tcgetattr and tcsetattr, but not cfmakeraw.</summary>
    [LibraryImport("libc")]
    public static partial void cfmakeraw(Tmds.Linux.termios* t);
}
