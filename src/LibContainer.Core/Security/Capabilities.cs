using LibContainer.Config;
using LibContainer.Interop;

namespace LibContainer.Security;

/// <summary>Capability names ↔ numbers, the OCI sets as masks, and what the running kernel knows.</summary>
public static class Capabilities
{
    /// <summary>The highest capability number this table knows (CAP_CHECKPOINT_RESTORE, Linux 5.9+).</summary>
    public const int MaxKnown = 40;

    // Index = capability number, as in linux/capability.h.
    private static readonly string[] Names =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
        "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
        "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
        "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
        "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>The 14 capabilities runc/containerd/docker give a container by default.</summary>
    public static IReadOnlyList<string> DefaultSet { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
        "CAP_AUDIT_WRITE",
    ];

    /// <summary>Mask of <see cref="DefaultSet"/> (0xa80425fb).</summary>
    public const ulong DefaultMask = 0xa80425fbUL;

    private static int s_lastCap = -1;

    /// <summary>The canonical name (CAP_…) of capability <paramref name="cap"/>, or "CAP_&lt;n&gt;" when unknown.</summary>
    /// <summary>Every capability this code knows, by number.</summary>
    public static IReadOnlyList<string> All => Names;

    public static string Name(int cap) => cap >= 0 && cap < Names.Length ? Names[cap] : $"CAP_{cap}";

    /// <summary>Parses "CAP_SYS_ADMIN", "sys_admin", "cap_sys_admin"… (case-insensitive, prefix optional).</summary>
    public static bool TryParse(string? name, out int cap)
    {
        cap = -1;
        if (string.IsNullOrWhiteSpace(name)) return false;
        var s = name.AsSpan().Trim();
        if (s.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase)) s = s[4..];
        if (s.Length == 0) return false;
        for (var i = 0; i < Names.Length; i++)
        {
            if (s.Equals(Names[i].AsSpan(4), StringComparison.OrdinalIgnoreCase))
            {
                cap = i;
                return true;
            }
        }
        return false;
    }

    /// <summary>The highest capability the running kernel supports (/proc/sys/kernel/cap_last_cap), cached.</summary>
    public static int LastCap()
    {
        if (s_lastCap >= 0) return s_lastCap;
        var last = MaxKnown;
        try
        {
            if (int.TryParse(RuntimeSys.TryReadText("/proc/sys/kernel/cap_last_cap"), out var v) && v > 0) last = v;
        }
        catch (SyscallException) { }
        s_lastCap = last;
        return last;
    }

    /// <summary>The mask of every capability up to <paramref name="lastCap"/>.</summary>
    public static ulong AllMask(int lastCap) => lastCap >= 63 ? ulong.MaxValue : (1UL << (lastCap + 1)) - 1;

    /// <summary>Names of the bits set in <paramref name="mask"/>, comma separated ("" for 0).</summary>
    public static string Format(ulong mask)
    {
        var parts = new List<string>();
        for (var i = 0; i < 64; i++)
            if ((mask & (1UL << i)) != 0) parts.Add(Name(i));
        return string.Join(",", parts);
    }

    /// <summary>Mask of a list of names. Unknown names throw ConfigInvalid naming <paramref name="setName"/>[index];
    /// known caps the kernel lacks (above <paramref name="lastCap"/>) are skipped, as runc does.</summary>
    public static ulong ToMask(IReadOnlyList<string>? names, string setName, int lastCap)
    {
        if (names is null) return 0;
        ulong mask = 0;
        for (var i = 0; i < names.Count; i++)
        {
            if (!TryParse(names[i], out var cap))
                throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                    $"{setName}[{i}]: unknown capability \"{names[i]}\"");
            if (cap > lastCap) continue;
            mask |= 1UL << cap;
        }
        return mask;
    }

    /// <summary>Parses the sets (names with or without CAP_); unknown names throw ContainerException(ConfigInvalid).
    /// A null <paramref name="caps"/> means no capabilities at all (the OCI meaning of an absent object).</summary>
    public static CapabilitySets Resolve(LinuxCapabilities? caps) => Resolve(caps, LastCap());

    /// <summary><see cref="Resolve(LinuxCapabilities?)"/> against a given cap_last_cap (test seam).</summary>
    public static CapabilitySets Resolve(LinuxCapabilities? caps, int lastCap)
    {
        if (caps is null) return default;
        const string p = "process.capabilities.";
        return new CapabilitySets(
            Bounding: ToMask(caps.Bounding, p + "bounding", lastCap),
            Effective: ToMask(caps.Effective, p + "effective", lastCap),
            Permitted: ToMask(caps.Permitted, p + "permitted", lastCap),
            Inheritable: ToMask(caps.Inheritable, p + "inheritable", lastCap),
            Ambient: ToMask(caps.Ambient, p + "ambient", lastCap));
    }

    /// <summary>Known names in <paramref name="caps"/> that the running kernel lacks (above <paramref name="lastCap"/>):
    /// what <see cref="Resolve(LinuxCapabilities?, int)"/> skips, for the runtime to warn about, like runc.</summary>
    public static IReadOnlyList<string> Unavailable(LinuxCapabilities? caps, int lastCap)
    {
        var result = new List<string>();
        if (caps is null) return result;
        foreach (var set in (List<string>?[])[caps.Bounding, caps.Effective, caps.Permitted, caps.Inheritable, caps.Ambient])
        {
            if (set is null) continue;
            foreach (var n in set)
                if (TryParse(n, out var c) && c > lastCap && !result.Contains(Name(c))) result.Add(Name(c));
        }
        return result;
    }

    /// <summary>runc's warning for <see cref="Unavailable"/> capabilities (null when the kernel has them all).</summary>
    public static string? UnavailableWarning(LinuxCapabilities? caps, int lastCap) =>
        Unavailable(caps, lastCap) is { Count: > 0 } names
            ? "ignoring unknown or unavailable capabilities: " + string.Join(", ", names) + $" (this kernel's last capability is {Name(lastCap)})"
            : null;

    /// <summary>The capability numbers ≤ <paramref name="lastCap"/> that are NOT in <paramref name="bounding"/>: the ones
    /// init drops with PR_CAPBSET_DROP.</summary>
    public static int[] ToDrop(ulong bounding, int lastCap)
    {
        var drop = new List<int>();
        for (var c = 0; c <= lastCap && c < 64; c++)
            if ((bounding & (1UL << c)) == 0) drop.Add(c);
        return drop.ToArray();
    }
}
