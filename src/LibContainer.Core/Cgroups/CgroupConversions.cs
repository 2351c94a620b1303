using System.Globalization;

namespace LibContainer.Cgroups;

/// <summary>Every v1 ↔ v2 value conversion, in one place (the same formulas runc and crun use).</summary>
public static class CgroupConversions
{
    /// <summary>cpu.shares (2..262144) → cpu.weight (1..10000); 0 stays 0 (unset).</summary>
    public static ulong CpuSharesToWeight(ulong shares)
    {
        if (shares == 0) return 0;
        if (shares < 2) shares = 2;
        if (shares > 262144) shares = 262144;
        return 1 + (shares - 2) * 9999 / 262142;
    }

    /// <summary>blkio.weight (10..1000) → io.weight (1..10000); 0 stays 0 (unset).</summary>
    public static ulong BlkioWeightToIoWeight(ulong weight)
    {
        if (weight == 0) return 0;
        if (weight < 10) weight = 10;
        if (weight > 1000) weight = 1000;
        return 1 + (weight - 10) * 9999 / 990;
    }

    /// <summary>
    /// OCI memory.swap is memory+swap (v1 memory.memsw.limit_in_bytes); v2 memory.swap.max is swap alone.
    /// Returns null when unset, "max" for unlimited, else the byte count for memory.swap.max.
    /// </summary>
    public static string? SwapToV2(long? swap, long? limit)
    {
        if (swap is null || swap == 0) return null;
        if (swap == -1) return "max";
        if (limit is null || limit <= 0)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                "linux.resources.memory.swap needs linux.resources.memory.limit (swap is memory+swap)");
        if (swap < limit)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                $"linux.resources.memory.swap ({swap}) must not be below memory.limit ({limit}): swap is memory+swap");
        return (swap.Value - limit.Value).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A limit in OCI form (-1 or negative = unlimited) for a v2 file: "max" or the number.</summary>
    public static string V2Limit(long value) => value < 0 ? "max" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>pids.limit: -1 or 0 mean unlimited ("max") in both versions.</summary>
    public static string PidsLimit(long limit) => limit <= 0 ? "max" : limit.ToString(CultureInfo.InvariantCulture);

    /// <summary>v2 cpu.max "quota period": quota -1 (or unset) = "max"; period defaults to 100000 µs.</summary>
    public static string CpuMax(long? quota, ulong? period, string? current = null)
    {
        string q;
        ulong p = period ?? 0;
        var parts = (current ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (quota is null) q = parts.Length > 0 ? parts[0] : "max";
        else q = quota < 0 ? "max" : quota.Value.ToString(CultureInfo.InvariantCulture);
        if (p == 0) p = parts.Length > 1 && ulong.TryParse(parts[1], out var cp) ? cp : 100000;
        return $"{q} {p}";
    }

    /// <summary>OCI huge page size ("2MB", "1GB", "64KB") in the kernel's file-name spelling.</summary>
    public static string HugePageSizeName(string pageSize)
    {
        var s = pageSize.Trim();
        if (s.EndsWith("B", StringComparison.Ordinal) && s.Length > 2 && char.IsLetter(s[^2])) return s[..^2] + char.ToUpperInvariant(s[^2]) + "B";
        if (s.EndsWith("B", StringComparison.Ordinal)) return s;
        return s + "B";
    }

    /// <summary>A v1 device rule line: "c 1:3 rwm", "a *:* rwm" (null or -1 major/minor = wildcard).</summary>
    public static string DeviceRule(string? type, long? major, long? minor, string? access)
    {
        var t = string.IsNullOrEmpty(type) ? "a" : type;
        var a = string.IsNullOrEmpty(access) ? "rwm" : access;
        string Num(long? n) => n is null || n < 0 ? "*" : n.Value.ToString(CultureInfo.InvariantCulture);
        return $"{t} {Num(major)}:{Num(minor)} {a}";
    }
}
