using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>libc entry points for the security area (capabilities, rlimits, hooks, Landlock) that Tmds.LibC 0.5.0
/// lacks: capget/capset, prlimit, waitpid and the posix_spawn family (docs/runtime.md, "libc bindings").</summary>
internal static unsafe partial class SecurityNative
{
    // prctl(2) options
    public const int PR_SET_KEEPCAPS = 8;
    public const int PR_CAPBSET_READ = 23;
    public const int PR_CAPBSET_DROP = 24;
    public const int PR_SET_NO_NEW_PRIVS = 38;
    public const int PR_CAP_AMBIENT = 47;
    public const int PR_CAP_AMBIENT_RAISE = 2;
    public const int PR_CAP_AMBIENT_CLEAR_ALL = 4;

    public const uint LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    // posix_spawn attribute flags (glibc)
    public const short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSID = 0x80;

    // Landlock (include/uapi/linux/landlock.h); the generic syscall numbers (x86_64 and arm64 alike)
    public const long SYS_landlock_create_ruleset = 444, SYS_landlock_add_rule = 445, SYS_landlock_restrict_self = 446;
    public const uint LANDLOCK_CREATE_RULESET_VERSION = 1;
    public const int LANDLOCK_RULE_PATH_BENEATH = 1, LANDLOCK_RULE_NET_PORT = 2;

    [StructLayout(LayoutKind.Sequential)]
    public struct LandlockRulesetAttr { public ulong HandledAccessFs; public ulong HandledAccessNet; }

    /// <summary>__packed in the kernel: 12 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct LandlockPathBeneathAttr { public ulong AllowedAccess; public int ParentFd; }

    [StructLayout(LayoutKind.Sequential)]
    public struct LandlockNetPortAttr { public ulong AllowedAccess; public ulong Port; }

    /// <summary>The kernel's Landlock ABI version; 0 when it has none (ENOSYS) or it is disabled (EOPNOTSUPP).</summary>
    public static int LandlockAbiVersion()
    {
        long v = Libc.syscall(SYS_landlock_create_ruleset, 0, 0, (nint)LANDLOCK_CREATE_RULESET_VERSION, 0, 0);
        return v < 0 ? 0 : (int)v;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CapHeader { public uint Version; public int Pid; }

    [StructLayout(LayoutKind.Sequential)]
    public struct CapData { public uint Effective; public uint Permitted; public uint Inheritable; }

    [StructLayout(LayoutKind.Sequential)]
    public struct Rlimit { public ulong Cur; public ulong Max; }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int capset(CapHeader* header, CapData* data);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int capget(CapHeader* header, CapData* data);

    // Raw syscalls (see RuntimeNative): glibc's wrappers would signal threads a forked init does not have.
    public static int setgroups(nint size, uint* list) => (int)Libc.syscall(RuntimeNative.SYS_setgroups, size, (nint)list, 0, 0, 0);

    public static int setresgid(uint rgid, uint egid, uint sgid) => RuntimeNative.setresgid(rgid, egid, sgid);

    public static int setresuid(uint ruid, uint euid, uint suid) => RuntimeNative.setresuid(ruid, euid, suid);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int prlimit(int pid, int resource, Rlimit* newLimit, Rlimit* oldLimit);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    // posix_spawn family: returns an error number (not -1/errno).
    [LibraryImport("libc")]
    public static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_addopen(void* actions, int fd, byte* path, int flags, int mode);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_addclosefrom_np(void* actions, int from);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_init(void* attr);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setsigdefault(void* attr, void* sigset);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setsigmask(void* attr, void* sigset);
}
