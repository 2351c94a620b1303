using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>libc entry points for ptys, terminals and fd passing over AF_UNIX sockets.</summary>
internal static unsafe partial class ConsoleNative
{
    public const uint TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, TIOCSCTTY = 0x540E, TIOCGPTPEER = 0x5441,
        TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431;

    public const int O_RDWR = 2, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000, O_PATH = 0x200000, O_DIRECTORY = 0x10000;
    public const int F_GETFL = 3, F_SETFL = 4;
    public const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1, SCM_RIGHTS = 1;
    public const int MSG_NOSIGNAL = 0x4000, MSG_CMSG_CLOEXEC = 0x40000000;
    public const int TCSANOW = 0;
    public const short POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;

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
    public static partial int open(byte* path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, byte* buf, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, byte* buf, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, nuint request, void* arg);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, nuint request, nint arg);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int cmd, long arg);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int isatty(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int tcgetattr(int fd, Termios* t);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int tcsetattr(int fd, int action, Termios* t);

    [LibraryImport("libc")]
    public static partial void cfmakeraw(Termios* t);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollFd* fds, ulong nfds, int timeout);

    /// <summary>statBuf: a <see cref="Stat"/> (x86-64 layout, LinuxAbi).</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial int lstat(byte* path, byte* statBuf);

    public const uint S_IFMT = 0xF000, S_IFSOCK = 0xC000;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int connect(int fd, SockaddrUn* addr, uint len);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(int fd, SockaddrUn* addr, uint len);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int listen(int fd, int backlog);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int accept4(int fd, void* addr, uint* len, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recvmsg(int fd, MsgHdr* msg, int flags);
}
