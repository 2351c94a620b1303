using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>
/// The shared libc calls and constants Tmds.LibC (Tmds.Linux.LibC, aliased LibC) lacks or binds in a way the runtime
/// cannot use: prctl, WNOHANG and the raw syscall entry are missing there; its poll does not keep errno
/// (SetLastError=false); its ioctl takes the request as int; its S_IF* are mode_t, AF_UNIX a sa_family_t, while the
/// runtime compares raw st_mode bits and passes int domains; and openat2 goes through the raw syscall here with the
/// RESOLVE_* flags below. Everything else (open, close, read, write, pipe2, fcntl, kill, socket, umask, O_*, AT_*,
/// F_*, POLL*, SIG*, SOCK_*) is called on LibC. Bound to "libc", which nsinit links directly (DirectPInvoke) like
/// Tmds.LibC's "libc.so.6", so nothing is resolved from the container image after pivot_root. x86-64 values.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    public const ulong RESOLVE_NO_MAGICLINKS = 0x02, RESOLVE_NO_SYMLINKS = 0x04, RESOLVE_IN_ROOT = 0x10;

    public const uint S_IFMT = 0xF000, S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFDIR = 0x4000, S_IFBLK = 0x6000,
        S_IFREG = 0x8000, S_IFLNK = 0xA000, S_IFSOCK = 0xC000;

    public const int WNOHANG = 1;
    public const int AF_UNIX = 1;

    public const long SYS_pidfd_send_signal = 424, SYS_pidfd_open = 434, SYS_openat2 = 437;

    /// <summary>struct open_how of openat2(2).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OpenHow { public ulong Flags; public ulong Mode; public ulong Resolve; }

    [LibraryImport(Lib, SetLastError = true)] public static partial int ioctl(int fd, ulong request, nint arg);
    [LibraryImport(Lib, SetLastError = true)] public static partial int ioctl(int fd, ulong request, void* arg);
    [LibraryImport(Lib, SetLastError = true)] public static partial int poll(PollFd* fds, nuint nfds, int timeout);
    [LibraryImport(Lib, SetLastError = true)] public static partial int prctl(int option, ulong a2, ulong a3, ulong a4, ulong a5);

    /// <summary>syscall(2) for calls glibc does not wrap (or wraps in ways a forked init must avoid).</summary>
    [LibraryImport(Lib, EntryPoint = "syscall", SetLastError = true)]
    public static partial long syscall(long number, nint a1 = 0, nint a2 = 0, nint a3 = 0, nint a4 = 0, nint a5 = 0);
}
