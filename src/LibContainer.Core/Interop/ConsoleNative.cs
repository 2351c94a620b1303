using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>libc entry points for ptys, terminals and fd passing over AF_UNIX sockets. Not moved to Tmds.LibC yet
/// (docs/runtime.md, "libc bindings"): Tmds has tcgetattr, tcsetattr, bind, accept4, sendmsg and recvmsg with
/// SetLastError, but over its termios, sockaddr, msghdr and socklen_t types, which the pty and console-socket code
/// would have to be rewritten around; its lstat is a managed wrapper, not an import; its TIOC* are int properties
/// (TIOCGPTN negative), while the own ioctl takes an unsigned long request.</summary>
internal static unsafe partial class ConsoleNative
{
    public const uint TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, TIOCSCTTY = 0x540E, TIOCGPTPEER = 0x5441,
        TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431;

    public const int TCSANOW = 0;

    [StructLayout(LayoutKind.Sequential)]
    public struct WinSize { public ushort Rows; public ushort Cols; public ushort XPixel; public ushort YPixel; }

    /// <summary>glibc struct termios is 60 bytes; kept opaque.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    public struct Termios { public uint IFlag; public uint OFlag; public uint CFlag; public uint LFlag; }

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

    [LibraryImport("libc", SetLastError = true)]
    public static partial int tcgetattr(int fd, Termios* t);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int tcsetattr(int fd, int action, Termios* t);

    [LibraryImport("libc")]
    public static partial void cfmakeraw(Termios* t);

    /// <summary>statBuf: a <see cref="Stat"/> (x86-64 layout, LinuxAbi).</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial int lstat(byte* path, byte* statBuf);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int connect(int fd, SockaddrUn* addr, uint len);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(int fd, SockaddrUn* addr, uint len);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int accept4(int fd, void* addr, uint* len, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recvmsg(int fd, MsgHdr* msg, int flags);
}
