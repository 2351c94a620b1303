using LibContainer.Config;
using static LibContainer.Interop.SecurityNative;

namespace LibContainer.Security;

/// <summary>RLIMIT_* names ↔ numbers, validation of process.rlimits, and prlimit in init.</summary>
public static unsafe class Rlimits
{
    /// <summary>RLIM_INFINITY.</summary>
    public const ulong Infinity = ulong.MaxValue;

    // Index = resource number (asm-generic/resource.h, x86-64 and arm64 alike).
    private static readonly string[] Names =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC",
        "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE",
        "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    /// <summary>Number of resources the kernel defines (RLIM_NLIMITS).</summary>
    public static int Count => Names.Length;

    public static string Name(int resource) => resource >= 0 && resource < Names.Length ? Names[resource] : $"RLIMIT_{resource}";

    /// <summary>Parses "RLIMIT_NOFILE" (case-insensitive, prefix optional) or the raw number the seed's configs use.</summary>
    public static bool TryParse(string? type, out int resource)
    {
        resource = -1;
        if (string.IsNullOrWhiteSpace(type)) return false;
        var s = type.AsSpan().Trim();
        if (int.TryParse(s, out var n))
        {
            if (n < 0 || n >= Names.Length) return false;
            resource = n;
            return true;
        }
        if (s.StartsWith("RLIMIT_", StringComparison.OrdinalIgnoreCase)) s = s[7..];
        for (var i = 0; i < Names.Length; i++)
        {
            if (s.Equals(Names[i].AsSpan(7), StringComparison.OrdinalIgnoreCase))
            {
                resource = i;
                return true;
            }
        }
        return false;
    }

    /// <summary>Validates and converts process.rlimits: unknown types, soft above hard and duplicates throw
    /// ContainerException(ConfigInvalid) naming process.rlimits[i].</summary>
    public static ResolvedRlimit[] Resolve(IReadOnlyList<PosixRlimit>? rlimits)
    {
        if (rlimits is null || rlimits.Count == 0) return [];
        var result = new ResolvedRlimit[rlimits.Count];
        for (var i = 0; i < rlimits.Count; i++)
        {
            var r = rlimits[i] ?? throw Invalid(i, "null entry");
            if (!TryParse(r.Type, out var res))
                throw Invalid(i, $"unknown rlimit type \"{r.Type}\"");
            if (r.Soft > r.Hard)
                throw Invalid(i, $"{Name(res)}: soft limit {r.Soft} is greater than hard limit {r.Hard}");
            for (var j = 0; j < i; j++)
                if (result[j].Resource == res)
                    throw Invalid(i, $"{Name(res)} is given twice (also process.rlimits[{j}])");
            result[i] = new ResolvedRlimit(res, r.Soft, r.Hard);
        }
        return result;
    }

    private static ContainerException Invalid(int index, string what) =>
        new(ContainerErrorKind.ConfigInvalid, $"process.rlimits[{index}]: {what}");

    /// <summary>In init: prlimit(0, …) for each, in order. Errors name the rlimit and its values (raising a hard limit
    /// above the current one without CAP_SYS_RESOURCE fails with EPERM).</summary>
    public static void Apply(ResolvedRlimit[] limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        foreach (var l in limits)
        {
            var value = new Rlimit { Cur = l.Soft, Max = l.Hard };
            if (prlimit(0, l.Resource, &value, null) != 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                var detail = $"{Name(l.Resource)} soft={Format(l.Soft)} hard={Format(l.Hard)}";
                Rlimit current;
                if (errno == Errno.EPERM && prlimit(0, l.Resource, null, &current) == 0 && l.Hard > current.Max)
                    detail += $"; raising the hard limit above {Format(current.Max)} needs CAP_SYS_RESOURCE";
                throw new SyscallException("prlimit", errno, null, detail);
            }
        }
    }

    /// <summary>The current (soft, hard) limits of this process for <paramref name="resource"/>.</summary>
    public static (ulong Soft, ulong Hard) Get(int resource)
    {
        Rlimit old;
        if (prlimit(0, resource, null, &old) != 0)
            throw SyscallException.FromLastError("prlimit", null, Name(resource));
        return (old.Cur, old.Max);
    }

    public static string Format(ulong value) => value == Infinity ? "unlimited" : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
