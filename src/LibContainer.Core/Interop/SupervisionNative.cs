using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>libc entry points and constants of the container supervisor (`create --supervise`) that RuntimeNative
/// lacks (posix_spawn is Security.Spawner's).</summary>
internal static unsafe partial class SupervisionNative
{
    private const string Lib = "libc";

    public const int P_ALL = 0;
    public const int F_DUPFD_CLOEXEC = 1030, F_SETFD = 2, FD_CLOEXEC = 1;

    [LibraryImport(Lib, SetLastError = true)] public static partial int pipe2(int* fds, int flags);
}
