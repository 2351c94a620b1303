using System.Runtime.InteropServices;

using static LibContainer.Interop.Libc;

namespace LibContainer.Interop;

/// <summary>libc entry points the runtime (launcher and init) uses that are not taken from Tmds.LibC (docs/runtime.md,
/// "libc bindings"): raw syscall numbers, clone flags as one ulong set with CLONE_NEWTIME/CLONE_INTO_CGROUP, MS_* as
/// one ulong set (Tmds' are int properties, unusable in the const flag tables), what Tmds lacks (waitid, flock, signal,
/// signalfd, fstatfs, personality); fstatat and mknodat, which Tmds.LibC 0.5.0 has only as managed wrappers, not as
/// imports with SetLastError (fstatat is read through the own x86-64 Stat, LinuxAbi). Bound to "libc", which nsinit
/// links directly (DirectPInvoke), so nothing is resolved from the container image after pivot_root.</summary>
internal static unsafe partial class RuntimeNative
{
    private const string Lib = "libc";

    // syscall numbers (x86-64)
    public const long SYS_clone = 56, SYS_pivot_root = 155, SYS_close_range = 436;

    public const ulong CLONE_NEWTIME = 0x80, CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_PARENT = 0x8000,
        CLONE_NEWNS = 0x20000, CLONE_NEWCGROUP = 0x02000000, CLONE_NEWUTS = 0x04000000, CLONE_NEWIPC = 0x08000000,
        CLONE_NEWUSER = 0x10000000, CLONE_NEWPID = 0x20000000, CLONE_NEWNET = 0x40000000;

    public const ulong MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16, MS_REMOUNT = 32,
        MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOSYMFOLLOW = 256, MS_NOATIME = 1024, MS_NODIRATIME = 2048, MS_BIND = 4096,
        MS_MOVE = 8192, MS_REC = 16384, MS_SILENT = 32768, MS_UNBINDABLE = 1 << 17, MS_PRIVATE = 1 << 18,
        MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20, MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24, MS_LAZYTIME = 1 << 25;

    public const int PR_SET_PDEATHSIG = 1, PR_SET_DUMPABLE = 4, PR_SET_CHILD_SUBREAPER = 36, PR_SET_NAME = 15;
    public const int P_PID = 1, P_PIDFD = 3, WEXITED = 4, WNOWAIT = 0x01000000;
    public const int LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;

    /// <summary>siginfo_t (128 bytes); for SIGCHLD: si_pid at 16, si_status at 24, si_code at 8.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    public struct SigInfo
    {
        [FieldOffset(0)] public int Signo;
        [FieldOffset(8)] public int Code;
        [FieldOffset(16)] public int Pid;
        [FieldOffset(24)] public int Status;
    }

    [LibraryImport(Lib, SetLastError = true)] public static partial int mknodat(int dirfd, byte* path, uint mode, ulong dev);
    [LibraryImport(Lib, SetLastError = true)] public static partial int fstatat(int dirfd, byte* path, byte* statbuf, int flags);
    [LibraryImport(Lib, SetLastError = true)] public static partial int fstatfs(int fd, byte* buf);
    [LibraryImport(Lib, SetLastError = true)] public static partial int waitid(int idtype, int id, SigInfo* info, int options);
    [LibraryImport(Lib, SetLastError = true)] public static partial int personality(nuint persona);
    // Credentials are set with raw syscalls, not glibc's wrappers: those broadcast the change to every thread glibc
    // knows of (SIGSETXID), and init, a clone of a process with a finalizer thread, has only itself.
    public const long SYS_setgroups = 116, SYS_setresuid = 117, SYS_setresgid = 119;
    public static int setresuid(uint r, uint e, uint s) => (int)syscall(SYS_setresuid, (nint)r, (nint)e, (nint)s, 0, 0);
    public static int setresgid(uint r, uint e, uint s) => (int)syscall(SYS_setresgid, (nint)r, (nint)e, (nint)s, 0, 0);
    [LibraryImport(Lib, SetLastError = true)] public static partial int flock(int fd, int operation);
    [LibraryImport(Lib, SetLastError = true)] public static partial int signalfd(int fd, ulong* mask, int flags);
    [LibraryImport(Lib, SetLastError = true)] public static partial nint signal(int signum, nint handler);

    public static long Clone(ulong flags) => syscall(SYS_clone, (nint)flags, 0, 0, 0, 0);

    public const long SYS_clone3 = 435;
    public const ulong CLONE_INTO_CGROUP = 0x200000000;

    /// <summary>Fork-style clone3 (no new stack) that starts the child in the cgroup2 directory <paramref name="cgroupFd"/>.
    /// The exit signal is the low byte of <paramref name="flags"/>, as for clone.</summary>
    public static long CloneIntoCgroup(ulong flags, int cgroupFd)
    {
        ulong* args = stackalloc ulong[11]; // struct clone_args, CLONE_ARGS_SIZE_VER2
        for (int i = 0; i < 11; i++) args[i] = 0;
        args[0] = (flags & ~0xffUL) | CLONE_INTO_CGROUP;
        args[4] = flags & 0xff; // exit_signal
        args[10] = (ulong)cgroupFd;
        return syscall(SYS_clone3, (nint)args, 11 * sizeof(ulong), 0, 0, 0);
    }
    public static int PidfdOpen(int pid) => (int)syscall(SYS_pidfd_open, pid, 0, 0, 0, 0);
    public static int PidfdSendSignal(int pidfd, int sig) => (int)syscall(SYS_pidfd_send_signal, pidfd, sig, 0, 0, 0);
    public static int CloseRange(uint first, uint last, uint flags) => (int)syscall(SYS_close_range, (nint)first, (nint)last, (nint)flags, 0, 0);
    public static int PivotRoot(byte* newRoot, byte* putOld) => (int)syscall(SYS_pivot_root, (nint)newRoot, (nint)putOld, 0, 0, 0);

    /// <summary>openat2(2). With RESOLVE_IN_ROOT or RESOLVE_BENEATH the kernel fails a lookup with EAGAIN when a rename
    /// or mount anywhere on the host raced a ".." step; it asks the caller to retry, so this does, a bounded number of times.</summary>
    public static int OpenAt2(int dirfd, byte* path, ulong flags, ulong resolve)
    {
        var how = new OpenHow { Flags = flags, Mode = 0, Resolve = resolve };
        for (int attempt = 0; ; attempt++)
        {
            int fd = (int)syscall(SYS_openat2, dirfd, (nint)path, (nint)(&how), sizeof(OpenHow), 0);
            if (fd >= 0 || attempt == 63 || System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != Errno.EAGAIN) return fd;
        }
    }

    public static ulong MakeDev(long major, long minor)
    {
        ulong ma = (ulong)major, mi = (ulong)minor;
        return ((ma & 0xfffff000UL) << 32) | ((ma & 0xfffUL) << 8) | ((mi & 0xffffff00UL) << 12) | (mi & 0xffUL);
    }
}
