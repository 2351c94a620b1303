using LibContainer.Config;

namespace LibContainer.PowerShell.Runtime;

/// <summary>Stand-in for SpecDefaults/ConfigValidator until Core's config API is on main (see ConfigBridge).</summary>
internal static class FallbackSpec
{
    public static readonly string[] DefaultCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    private static readonly string[] NamespaceTypes = ["pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time"];

    public static Spec Create(bool rootless)
    {
        var caps = DefaultCapabilities.ToList();
        var spec = new Spec
        {
            Process = new Process
            {
                Args = ["sh"],
                Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"],
                Cwd = "/",
                Capabilities = new LinuxCapabilities { Bounding = caps, Effective = [.. caps], Permitted = [.. caps] },
                Rlimits = [new PosixRlimit { Type = "RLIMIT_NOFILE", Hard = 1024, Soft = 1024 }],
                NoNewPrivileges = true,
            },
            Root = new Root { Path = "rootfs", Readonly = true },
            Hostname = "container",
            Mounts =
            [
                new Mount { Destination = "/proc", Type = "proc", Source = "proc" },
                new Mount { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] },
                new Mount { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"] },
                new Mount { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
                new Mount { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] },
                new Mount { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = ["nosuid", "noexec", "nodev", "ro"] },
            ],
            Linux = new Linux
            {
                Namespaces = [new() { Type = "pid" }, new() { Type = "network" }, new() { Type = "ipc" }, new() { Type = "uts" }, new() { Type = "mount" }],
                MaskedPaths = ["/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"],
                ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
            },
        };
        if (rootless)
        {
            spec.Linux.Namespaces.Add(new LinuxNamespace { Type = "user" });
            spec.Linux.UidMappings = [new IdMapping { ContainerId = 0, HostId = 1000, Size = 1 }];
            spec.Linux.GidMappings = [new IdMapping { ContainerId = 0, HostId = 1000, Size = 1 }];
        }
        return spec;
    }

    public static IReadOnlyList<ConfigError> Validate(Spec spec)
    {
        var errors = new List<ConfigError>();
        if (string.IsNullOrEmpty(spec.OciVersion)) errors.Add(new("ociVersion", "is required"));
        if (spec.Root is null || string.IsNullOrEmpty(spec.Root.Path)) errors.Add(new("root.path", "is required"));
        if (spec.Process is { } p && (p.Args is null || p.Args.Count == 0)) errors.Add(new("process.args", "must name the program to run"));
        if (spec.Process is { } q && !q.Cwd.StartsWith('/')) errors.Add(new("process.cwd", $"\"{q.Cwd}\" is not an absolute path"));
        var ns = spec.Linux?.Namespaces ?? [];
        for (var i = 0; i < ns.Count; i++)
            if (!NamespaceTypes.Contains(ns[i].Type))
                errors.Add(new($"linux.namespaces[{i}].type",
                    $"\"{ns[i].Type}\" is not a namespace type (expected one of: {string.Join(", ", NamespaceTypes)})"));
        var mounts = spec.Mounts ?? [];
        for (var i = 0; i < mounts.Count; i++)
            if (!mounts[i].Destination.StartsWith('/'))
                errors.Add(new($"mounts[{i}].destination", $"\"{mounts[i].Destination}\" is not an absolute path"));
        if (spec.Linux?.Resources?.Memory?.Limit is < 0 and not -1)
            errors.Add(new("linux.resources.memory.limit", "must be positive or -1 (unlimited)"));
        return errors;
    }
}
