namespace LibContainer;

/// <summary>Human-readable byte counts for the format views (1024-based, like docker stats).</summary>
public static class ByteSize
{
    public static string Format(ulong bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double v = bytes;
        var u = 0;
        while (v >= 1024 && u < units.Length - 1) { v /= 1024; u++; }
        return u == 0 ? $"{bytes}B" : $"{v:0.##}{units[u]}";
    }

    public static string Format(ulong? bytes) => bytes is { } b ? Format(b) : "-";

    public static string Format(long? bytes) => bytes is { } b && b >= 0 ? Format((ulong)b) : "-";
}
