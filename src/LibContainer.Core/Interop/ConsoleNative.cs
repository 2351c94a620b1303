using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>libc entry points for ptys, terminals and fd passing over AF_UNIX sockets. The terminal calls
/// (tcgetattr, tcsetattr on Tmds' termios) and accept4 are Tmds.LibC's. Not moved yet (docs/runtime.md, "libc
/// bindings"): connect, bind, sendmsg and recvmsg, which Tmds has with SetLastError but over its sockaddr, msghdr and
/// socklen_t types, which the console-socket code would have to be rewritten around; cfmakeraw, which Tmds lacks.
/// lstat stays own: Tmds' is a managed wrapper, not an import with SetLastError. TIOC* stay own: Tmds' are int
/// properties (TIOCGPTN negative), while the own ioctl takes an unsigned long request.</summary>
internal static unsafe partial class ConsoleNative
{
    public const uint TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, TIOCSCTTY = 0x540E, TIOCGPTPEER = 0x5441,
        TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431;

    /// <summary>Tmds' TCSANOW is a uint, its tcsetattr takes an int.</summary>
    public const int TCSANOW = 0;

    [StructLayout(LayoutKind.Sequential)]
    public struct WinSize { public ushort Rows; public ushort Cols; public ushort XPixel; public ushort YPixel; }

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec { public void* Base; public nuint Len; }

    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLen;
        public IoVec* Iov;
        public nuint IovLen;
        public void* Control;
        public nuint ControlLen;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CmsgHdr { public nuint Len; public int Level; public int Type; }

    [StructLayout(LayoutKind.Sequential)]
    public struct SockaddrUn { public ushort Family; public fixed byte Path[108]; }

    /// <summary>Tmds.LibC has termios, tcgetattr and tcsetattr, but not cfmakeraw.</summary>
    [LibraryImport("libc")]
    public static partial void cfmakeraw(Tmds.Linux.termios* t);

    /// <summary>statBuf: a <see cref="Stat"/> (x86-64 layout, LinuxAbi).</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial int lstat(byte* path, byte* statBuf);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int connect(int fd, SockaddrUn* addr, uint len);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(int fd, SockaddrUn* addr, uint len);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recvmsg(int fd, MsgHdr* msg, int flags);
}
