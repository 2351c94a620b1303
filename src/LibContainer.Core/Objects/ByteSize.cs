namespace LibContainer;

/// <summary>Human-readable byte counts for the format views (1024-based, like docker stats).</summary>
public static class ByteSize
{
    /// <summary>One entry point for PowerShell (overloads with nullable arguments are ambiguous there): "-" for
    /// null or negative (unlimited).</summary>
    public static string Format(object? bytes) => bytes switch
    {
        null => "-",
        ulong u => FormatBytes(u),
        long l when l >= 0 => FormatBytes((ulong)l),
        int i when i >= 0 => FormatBytes((ulong)i),
        _ => "-",
    };

    private static string FormatBytes(ulong bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double v = bytes;
        var u = 0;
        while (v >= 1024 && u < units.Length - 1) { v /= 1024; u++; }
        return u == 0 ? $"{bytes}B" : $"{v:0.##}{units[u]}";
    }
}
