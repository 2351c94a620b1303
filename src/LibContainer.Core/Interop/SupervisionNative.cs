using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>libc entry points of the container supervisor (`create --supervise`) that RuntimeNative lacks:
/// posix_spawn with a session of its own and a chosen set of inherited fds, and pipe2.</summary>
internal static unsafe partial class SupervisionNative
{
    private const string Lib = "libc";

    // glibc's posix_spawn attribute flags
    public const short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSID = 0x80;
    public const int P_ALL = 0;
    public const int F_DUPFD_CLOEXEC = 1030, F_SETFD = 2, FD_CLOEXEC = 1;

    // posix_spawn family: returns an error number (not -1/errno).
    [LibraryImport(Lib)] public static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);
    [LibraryImport(Lib)] public static partial int posix_spawn_file_actions_init(void* actions);
    [LibraryImport(Lib)] public static partial int posix_spawn_file_actions_destroy(void* actions);
    [LibraryImport(Lib)] public static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);
    [LibraryImport(Lib)] public static partial int posix_spawn_file_actions_addclosefrom_np(void* actions, int from);
    [LibraryImport(Lib)] public static partial int posix_spawnattr_init(void* attr);
    [LibraryImport(Lib)] public static partial int posix_spawnattr_destroy(void* attr);
    [LibraryImport(Lib)] public static partial int posix_spawnattr_setflags(void* attr, short flags);
    [LibraryImport(Lib)] public static partial int posix_spawnattr_setsigdefault(void* attr, void* sigset);
    [LibraryImport(Lib)] public static partial int posix_spawnattr_setsigmask(void* attr, void* sigset);
    [LibraryImport(Lib)] public static partial int sigemptyset(void* set);
    [LibraryImport(Lib)] public static partial int sigaddset(void* set, int signo);
    [LibraryImport(Lib, SetLastError = true)] public static partial int pipe2(int* fds, int flags);
}
