using LibContainer.Interop;

namespace LibContainer.Cgroups;

/// <summary>How the host mounts cgroups.</summary>
public enum CgroupMode
{
    /// <summary>Only cgroup v1 hierarchies.</summary>
    V1,
    /// <summary>Only the cgroup2 unified hierarchy.</summary>
    V2,
    /// <summary>v1 controller hierarchies plus a cgroup2 mount (usually /sys/fs/cgroup/unified).</summary>
    Hybrid,
}

/// <summary>One mounted cgroup hierarchy.</summary>
public sealed class CgroupHierarchy
{
    public CgroupHierarchy(string mountPoint, IReadOnlyList<string> controllers, bool isUnified, string mountRoot = "/")
    {
        MountPoint = mountPoint;
        Controllers = controllers;
        IsUnified = isUnified;
        MountRoot = mountRoot;
    }

    /// <summary>Directory the hierarchy is mounted on (e.g. /sys/fs/cgroup/memory).</summary>
    public string MountPoint { get; }
    /// <summary>v1: the controllers bound to it ("cpu", "cpuacct", "name=systemd"); v2: the root's cgroup.controllers.</summary>
    public IReadOnlyList<string> Controllers { get; }
    public bool IsUnified { get; }
    /// <summary>The mountinfo root field (which cgroup of the hierarchy is mounted there).</summary>
    public string MountRoot { get; }
    /// <summary>The mount's super options from mountinfo ("rw,xattr,name=systemd"), for mounting it again.</summary>
    public string SuperOptions { get; init; } = "";

    public bool Has(string controller) => Controllers.Contains(controller);
    public override string ToString() => IsUnified ? $"cgroup2 {MountPoint}" : $"{string.Join(',', Controllers)} {MountPoint}";
}

/// <summary>The host's cgroup layout, read once from mountinfo and /proc/self/cgroup. Roots are parameters for tests.</summary>
public sealed class CgroupHost
{
    private static readonly HashSet<string> KnownV1Controllers = new(StringComparer.Ordinal)
    {
        "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids", "net_cls", "net_prio",
        "perf_event", "hugetlb", "rdma", "misc",
    };

    private static readonly Lazy<CgroupHost> CurrentHost = new(() => Detect());

    private CgroupHost(CgroupMode mode, List<CgroupHierarchy> v1, CgroupHierarchy? unified,
        Dictionary<string, string> own, string procRoot, string runRoot)
    {
        Mode = mode;
        V1Hierarchies = v1;
        Unified = unified;
        OwnCgroups = own;
        ProcRoot = procRoot;
        RunRoot = runRoot;
    }

    /// <summary>This machine's layout (detected on first use).</summary>
    public static CgroupHost Current => CurrentHost.Value;

    public CgroupMode Mode { get; }
    public IReadOnlyList<CgroupHierarchy> V1Hierarchies { get; }
    public CgroupHierarchy? Unified { get; }
    /// <summary>Our own process's cgroup per v1 controller ("memory" → "/supervisor/…"), "" for the unified one.</summary>
    public IReadOnlyDictionary<string, string> OwnCgroups { get; }
    public string ProcRoot { get; }
    public string RunRoot { get; }

    /// <summary>Reads &lt;procRoot&gt;/self/mountinfo and &lt;procRoot&gt;/self/cgroup; mount points are taken under hostRoot.</summary>
    public static CgroupHost Detect(string procRoot = "/proc", string hostRoot = "/", string runRoot = "/run")
    {
        var mountinfo = RuntimeSys.TryReadText(System.IO.Path.Combine(procRoot, "self/mountinfo"))
            ?? throw new SyscallException("open", Errno.ENOENT, System.IO.Path.Combine(procRoot, "self/mountinfo"));
        var v1 = new List<CgroupHierarchy>();
        CgroupHierarchy? unified = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in mountinfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var m = ParseMountInfoLine(line);
            if (m is null) continue;
            var (root, mountPoint, fsType, superOptions) = m.Value;
            var path = Under(hostRoot, mountPoint);
            if (fsType == "cgroup2")
            {
                if (unified is not null) continue;
                var controllers = (CgroupFile.TryReadLine(System.IO.Path.Combine(path, "cgroup.controllers")) ?? "")
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries);
                unified = new CgroupHierarchy(path, controllers, true, root) { SuperOptions = superOptions };
            }
            else if (fsType == "cgroup")
            {
                var controllers = superOptions.Split(',')
                    .Where(o => KnownV1Controllers.Contains(o) || o.StartsWith("name=", StringComparison.Ordinal))
                    .ToArray();
                if (controllers.Length == 0) continue;
                var key = string.Join(',', controllers);
                if (!seen.Add(key)) continue; // a bind mount of a hierarchy already seen
                v1.Add(new CgroupHierarchy(path, controllers, false, root) { SuperOptions = superOptions });
            }
        }

        var own = ParseProcCgroup(RuntimeSys.TryReadText(System.IO.Path.Combine(procRoot, "self/cgroup")) ?? "");
        CgroupMode mode = v1.Count == 0 ? CgroupMode.V2 : unified is null ? CgroupMode.V1 : CgroupMode.Hybrid;
        if (v1.Count == 0 && unified is null)
            throw new ContainerException(ContainerErrorKind.SystemError,
                $"no cgroup hierarchy is mounted (nothing of type cgroup or cgroup2 in {procRoot}/self/mountinfo): cgroups are " +
                "not visible in this mount namespace. `ip netns exec` does this: it remounts /sys for the network namespace, " +
                "without /sys/fs/cgroup. Run outside it (a container gets a network namespace of its own), or mount the " +
                "cgroup file systems here");
        return new CgroupHost(mode, v1, unified, own, procRoot, runRoot);
    }

    /// <summary>A view of this host with only its cgroup2 hierarchy, as on a pure v2 host (tests of v2 on hybrid hosts).</summary>
    public CgroupHost UnifiedOnly()
    {
        if (Unified is null)
            throw new ContainerException(ContainerErrorKind.SystemError, "this host has no cgroup2 mount");
        return new CgroupHost(CgroupMode.V2, new List<CgroupHierarchy>(), Unified,
            new Dictionary<string, string>(OwnCgroups), ProcRoot, RunRoot);
    }

    /// <summary>The v1 hierarchy a controller is bound to, if any.</summary>
    public CgroupHierarchy? V1For(string controller) => V1Hierarchies.FirstOrDefault(h => h.Has(controller));

    /// <summary>True when the cgroup2 hierarchy offers the controller (listed in its root's cgroup.controllers).</summary>
    public bool V2Has(string controller) => Unified is not null && Unified.Has(controller);

    internal static (string Root, string MountPoint, string FsType, string SuperOptions)? ParseMountInfoLine(string line)
    {
        var fields = line.Split(' ');
        int dash = Array.IndexOf(fields, "-");
        if (dash < 6 || fields.Length < dash + 4) return null;
        return (Unescape(fields[3]), Unescape(fields[4]), fields[dash + 1], fields[dash + 3]);
    }

    internal static Dictionary<string, string> ParseProcCgroup(string text)
    {
        var own = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3) continue;
            if (parts[0] == "0" && parts[1].Length == 0) { own[""] = parts[2]; continue; }
            foreach (var c in parts[1].Split(',')) own[c] = parts[2];
        }
        return own;
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo.
    private static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new System.Text.StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && IsOctal(s, i + 1))
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s[at] is >= '0' and <= '7' && s[at + 1] is >= '0' and <= '7' && s[at + 2] is >= '0' and <= '7';

    private static string Under(string hostRoot, string path) =>
        hostRoot is "/" or "" ? path : System.IO.Path.Join(hostRoot, path);
}
