namespace LibContainer.Config;

/// <summary>The names a config may use: namespace types, capabilities, rlimits, seccomp terms (mount options:
/// Rootfs.MountOptions).</summary>
public static class OciNames
{
    /// <summary>OCI namespace types, in the order of the error message.</summary>
    public static IReadOnlyList<string> NamespaceTypes { get; } = ["pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time"];

    /// <summary>Linux 6.x capabilities by number (CAP_CHOWN = 0 … CAP_CHECKPOINT_RESTORE = 40).</summary>
    public static IReadOnlyList<string> Capabilities { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
        "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
        "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>RLIMIT_* names by resource number (RLIMIT_CPU = 0 … RLIMIT_RTTIME = 15).</summary>
    public static IReadOnlyList<string> Rlimits { get; } =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC",
        "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE",
        "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    // Seccomp names come from the tables the compiler applies, so the validator accepts nothing it would not apply.
    public static IReadOnlyList<string> SeccompActions { get; } = Security.Seccomp.SeccompTables.ActionNames.ToList();
    public static IReadOnlyList<string> SeccompOperators { get; } = Security.Seccomp.SeccompTables.OperatorNames.ToList();
    public static IReadOnlyList<string> SeccompArchitectures => Security.Seccomp.SeccompTables.Architectures;
    public static IReadOnlyList<string> SeccompFlags { get; } = Security.Seccomp.SeccompTables.FlagNames.ToList();

    public static IReadOnlyList<string> PersonalityDomains { get; } = ["LINUX", "LINUX32"];

    public static IReadOnlyList<string> SchedulerPolicies { get; } =
        ["SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", "SCHED_ISO", "SCHED_IDLE", "SCHED_DEADLINE"];

    public static IReadOnlyList<string> IoPriorityClasses { get; } = ["IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE"];

    public static IReadOnlyList<string> MemoryPolicyModes { get; } =
    [
        "MPOL_DEFAULT", "MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE", "MPOL_PREFERRED",
        "MPOL_PREFERRED_MANY", "MPOL_LOCAL",
    ];

    public static IReadOnlyList<string> MemoryPolicyFlags { get; } =
        ["MPOL_F_NUMA_BALANCING", "MPOL_F_RELATIVE_NODES", "MPOL_F_STATIC_NODES"];

    /// <summary>Namespace type of a sysctl key, like runc: null when the key is not namespaced at all.</summary>
    public static string? SysctlNamespace(string key)
    {
        string k = key.Replace('/', '.');
        if (k.StartsWith("net.", StringComparison.Ordinal)) return "network";
        if (k.StartsWith("fs.mqueue.", StringComparison.Ordinal)) return "ipc";
        if (k is "kernel.msgmax" or "kernel.msgmnb" or "kernel.msgmni" or "kernel.sem" or "kernel.shmall"
            or "kernel.shmmax" or "kernel.shmmni" or "kernel.shm_rmid_forced") return "ipc";
        if (k is "kernel.hostname" or "kernel.domainname") return "uts";
        return null;
    }
}
