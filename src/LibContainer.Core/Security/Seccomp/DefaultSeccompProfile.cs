using LibContainer.Config;

namespace LibContainer.Security.Seccomp;

/// <summary>The default profile engines send (docker's and podman's default list), for a container with the usual
/// engine capability set, without CAP_SYS_ADMIN: everything a normal program uses is allowed, the rest is EPERM —
/// mount, unshare, setns, new namespaces through clone, kernel modules, keyrings, bpf, clock setting, reboot, swap.
/// clone3 gets ENOSYS so that glibc falls back to clone, whose flags can be checked (clone3's are in memory).</summary>
public static class DefaultSeccompProfile
{
    private static readonly string[] Allowed =
    [
        // files and directories
        "access", "chdir", "chmod", "chown", "chown32", "close", "close_range", "copy_file_range", "creat", "dup", "dup2",
        "dup3", "faccessat", "faccessat2", "fadvise64", "fadvise64_64", "fallocate", "fchdir", "fchmod", "fchmodat",
        "fchmodat2", "fchown", "fchown32", "fchownat", "fcntl", "fcntl64", "fdatasync", "fgetxattr", "flistxattr", "flock",
        "fremovexattr", "fsetxattr", "fstat", "fstat64", "fstatat64", "fstatfs", "fstatfs64", "fsync", "ftruncate",
        "ftruncate64", "futimesat", "getcwd", "getdents", "getdents64", "getxattr", "lchown", "lchown32", "lgetxattr",
        "link", "linkat", "listxattr", "llistxattr", "_llseek", "lremovexattr", "lseek", "lsetxattr", "lstat", "lstat64",
        "mkdir", "mkdirat", "mknod", "mknodat", "name_to_handle_at", "newfstatat", "open", "openat", "openat2", "pread64",
        "preadv", "preadv2", "pwrite64", "pwritev", "pwritev2", "read", "readahead", "readlink", "readlinkat", "readv",
        "removexattr", "rename", "renameat", "renameat2", "rmdir", "sendfile", "sendfile64", "setxattr", "splice", "stat",
        "stat64", "statfs", "statfs64", "statx", "symlink", "symlinkat", "sync", "sync_file_range", "syncfs", "tee",
        "truncate", "truncate64", "umask", "unlink", "unlinkat", "utime", "utimensat", "utimensat_time64", "utimes",
        "vmsplice", "write", "writev",
        // memory
        "brk", "madvise", "map_shadow_stack", "membarrier", "memfd_create", "memfd_secret", "mincore", "mlock", "mlock2",
        "mlockall", "mmap", "mmap2", "mprotect", "mremap", "msync", "munlock", "munlockall", "munmap", "pkey_alloc",
        "pkey_free", "pkey_mprotect", "remap_file_pages",
        // processes, threads, signals, credentials
        "capget", "capset", "execve", "execveat", "exit", "exit_group", "fork", "futex", "futex_requeue", "futex_time64",
        "futex_wait", "futex_waitv", "futex_wake", "get_robust_list", "get_thread_area", "getcpu", "getegid", "getegid32",
        "geteuid", "geteuid32", "getgid", "getgid32", "getgroups", "getgroups32", "getpgid", "getpgrp", "getpid",
        "getppid", "getpriority", "getresgid", "getresgid32", "getresuid", "getresuid32", "getrlimit", "getrusage",
        "getsid", "gettid", "getuid", "getuid32", "ioprio_get", "ioprio_set", "kill", "pidfd_open", "pidfd_send_signal",
        "prctl", "prlimit64", "process_mrelease", "restart_syscall", "rseq", "rt_sigaction", "rt_sigpending",
        "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait",
        "rt_sigtimedwait_time64", "rt_tgsigqueueinfo", "sched_get_priority_max", "sched_get_priority_min",
        "sched_getaffinity", "sched_getattr", "sched_getparam", "sched_getscheduler", "sched_rr_get_interval",
        "sched_rr_get_interval_time64", "sched_setaffinity", "sched_setattr", "sched_setparam", "sched_setscheduler",
        "sched_yield", "seccomp", "set_robust_list", "set_thread_area", "set_tid_address", "setfsgid", "setfsgid32",
        "setfsuid", "setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32", "setpgid", "setpriority", "setregid",
        "setregid32", "setresgid", "setresgid32", "setresuid", "setresuid32", "setreuid", "setreuid32", "setrlimit",
        "setsid", "setuid", "setuid32", "sigaltstack", "signalfd", "signalfd4", "sigprocmask", "sigreturn", "tgkill",
        "tkill", "ugetrlimit", "vfork", "wait4", "waitid", "waitpid",
        // time, timers, polling
        "alarm", "clock_getres", "clock_getres_time64", "clock_gettime", "clock_gettime64", "clock_nanosleep",
        "clock_nanosleep_time64", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait",
        "epoll_pwait2", "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2", "getitimer", "gettimeofday",
        "inotify_add_watch", "inotify_init", "inotify_init1", "inotify_rm_watch", "nanosleep", "_newselect", "pause",
        "poll", "ppoll", "ppoll_time64", "pselect6", "pselect6_time64", "select", "setitimer", "time", "timer_create",
        "timer_delete", "timer_getoverrun", "timer_gettime", "timer_gettime64", "timer_settime", "timer_settime64",
        "timerfd_create", "timerfd_gettime", "timerfd_gettime64", "timerfd_settime", "timerfd_settime64", "times",
        // sockets and IPC
        "accept", "accept4", "bind", "connect", "getpeername", "getsockname", "getsockopt", "ipc", "listen",
        "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive", "mq_timedreceive_time64", "mq_timedsend",
        "mq_timedsend_time64", "mq_unlink", "msgctl", "msgget", "msgrcv", "msgsnd", "pipe", "pipe2", "recv", "recvfrom",
        "recvmmsg", "recvmmsg_time64", "recvmsg", "semctl", "semget", "semop", "semtimedop", "semtimedop_time64", "send",
        "sendmmsg", "sendmsg", "sendto", "setsockopt", "shmat", "shmctl", "shmdt", "shmget", "shutdown", "socketcall",
        "socketpair",
        // asynchronous I/O, system information, sandboxing, debugging of one's own children
        "io_cancel", "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64", "io_setup", "io_submit",
        "ioctl", "getrandom", "sysinfo", "uname", "landlock_add_rule", "landlock_create_ruleset",
        "landlock_restrict_self", "fanotify_mark", "ptrace", "process_vm_readv", "process_vm_writev", "kcmp",
        "pidfd_getfd", "process_madvise", "cachestat", "chroot", "arch_prctl", "modify_ldt",
    ];

    /// <summary>personality: only the Linux domains and the query (0xffffffff).</summary>
    private static readonly ulong[] Personalities = [0x0, 0x8, 0x20000, 0x20008, 0xffffffff];

    /// <summary>clone's namespace flags (CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET).</summary>
    private const ulong CloneNamespaceFlags = 0x7E020000;

    private const uint Enosys = 38, Eperm = 1;
    private const ulong AfVsock = 40;

    public static LinuxSeccomp Create()
    {
        var syscalls = new List<LinuxSyscall> { new() { Names = Allowed.ToList(), Action = "SCMP_ACT_ALLOW" } };
        foreach (var p in Personalities)
            syscalls.Add(new LinuxSyscall { Names = ["personality"], Action = "SCMP_ACT_ALLOW", Args = [Arg(0, p, "SCMP_CMP_EQ")] });
        syscalls.Add(new LinuxSyscall { Names = ["socket"], Action = "SCMP_ACT_ALLOW", Args = [Arg(0, AfVsock, "SCMP_CMP_NE")] });
        syscalls.Add(new LinuxSyscall { Names = ["clone"], Action = "SCMP_ACT_ALLOW", Args = [Arg(0, CloneNamespaceFlags, "SCMP_CMP_MASKED_EQ", 0)] });
        syscalls.Add(new LinuxSyscall { Names = ["clone3"], Action = "SCMP_ACT_ERRNO", ErrnoRet = Enosys });
        return new LinuxSeccomp
        {
            DefaultAction = "SCMP_ACT_ERRNO",
            DefaultErrnoRet = Eperm,
            Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
            Syscalls = syscalls,
        };
    }

    private static LinuxSeccompArg Arg(uint index, ulong value, string op, ulong? valueTwo = null)
        => new() { Index = index, Value = value, ValueTwo = valueTwo, Op = op };
}
