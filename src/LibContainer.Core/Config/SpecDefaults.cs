namespace LibContainer.Config;

/// <summary>The default config.json of `nsinit spec`, shaped like `runc spec` (safe defaults).</summary>
/// <remarks>
/// Differences from runc 1.1's own `spec`: ociVersion 1.3.0 and a cgroup namespace. The capabilities are runc
/// spec's three; Docker's 14 are <see cref="Security.Capabilities.DefaultSet"/>.
/// </remarks>
public static class SpecDefaults
{
    public const string DefaultHostname = "nsinit";

    /// <summary>`runc spec`'s capabilities (bounding, effective, permitted). runc's spec also lists them as ambient, but
    /// without inheritable the kernel refuses to raise them (runc warns and runs with none): they are left out here.</summary>
    public static IReadOnlyList<string> Capabilities { get; } = ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"];

    /// <summary>Paths hidden from the container (runc's defaults).</summary>
    public static IReadOnlyList<string> MaskedPaths { get; } =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi",
    ];

    /// <summary>Paths made read-only in the container (runc's defaults).</summary>
    public static IReadOnlyList<string> ReadonlyPaths { get; } =
        ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The default config.json of `nsinit spec` (runc-like safe defaults).</summary>
    public static Spec Create(bool rootless = false)
        => Create(rootless, rootless ? LibC.getuid() : 0, rootless ? LibC.getgid() : 0);

    /// <summary>As <see cref="Create(bool)"/>, with the host uid/gid a rootless container maps to root.</summary>
    public static Spec Create(bool rootless, uint hostUid, uint hostGid)
    {
        var spec = new Spec
        {
            OciVersion = Spec.Version,
            Process = new Process
            {
                Terminal = true,
                User = new User { Uid = 0, Gid = 0 },
                Args = ["sh"],
                Env = [DefaultPath, "TERM=xterm"],
                Cwd = "/",
                Capabilities = new LinuxCapabilities
                {
                    Bounding = [.. Capabilities],
                    Effective = [.. Capabilities],
                    Permitted = [.. Capabilities],
                },
                Rlimits = [new PosixRlimit { Type = "RLIMIT_NOFILE", Hard = 1024, Soft = 1024 }],
                NoNewPrivileges = true,
            },
            Root = new Root { Path = "rootfs", Readonly = true },
            Hostname = DefaultHostname,
            Mounts = Mounts(rootless),
            Linux = new Linux
            {
                Namespaces = Namespaces(rootless),
                MaskedPaths = [.. MaskedPaths],
                ReadonlyPaths = [.. ReadonlyPaths],
            },
        };
        if (rootless)
        {
            spec.Linux.UidMappings = [new IdMapping { ContainerId = 0, HostId = hostUid, Size = 1 }];
            spec.Linux.GidMappings = [new IdMapping { ContainerId = 0, HostId = hostGid, Size = 1 }];
        }
        else
        {
            // Deny every device, then the runtime's default devices are allowed by the cgroup code (as runc).
            spec.Linux.Resources = new LinuxResources { Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }] };
        }
        return spec;
    }

    static List<LinuxNamespace> Namespaces(bool rootless)
    {
        var types = rootless
            ? new[] { "pid", "ipc", "uts", "mount", "cgroup", "user" }
            : new[] { "pid", "network", "ipc", "uts", "mount", "cgroup" };
        return [.. types.Select(t => new LinuxNamespace { Type = t })];
    }

    static List<Mount> Mounts(bool rootless)
    {
        List<string> devpts = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"];
        // A user namespace has no gid 5 mapped (unless mapped explicitly): leave gid= off.
        if (!rootless) devpts.Add("gid=5");
        return
        [
            new Mount { Destination = "/proc", Type = "proc", Source = "proc" },
            new Mount { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] },
            new Mount { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = devpts },
            new Mount { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
            new Mount { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] },
            // sysfs cannot be mounted fresh without owning the network namespace: rootless binds the host's.
            rootless
                ? new Mount { Destination = "/sys", Type = "none", Source = "/sys", Options = ["rbind", "nosuid", "noexec", "nodev", "ro"] }
                : new Mount { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = ["nosuid", "noexec", "nodev", "ro"] },
            new Mount { Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup", Options = ["nosuid", "noexec", "nodev", "relatime", "ro"] },
        ];
    }
}
