using System.Globalization;

namespace LibContainer.Config;

/// <summary>One line of /etc/subuid or /etc/subgid: ids [Start, Start+Count) the user may map (through newuidmap/newgidmap).</summary>
public readonly record struct SubordinateRange(uint Start, uint Count)
{
    public bool Covers(uint start, uint size) => start >= Start && (ulong)start + size <= (ulong)Start + Count;
}

/// <summary>Reads the ranges /etc/subuid and /etc/subgid delegate to a user (lines `name-or-uid:start:count`).</summary>
public static class SubordinateIds
{
    public const string SubUidFile = "/etc/subuid", SubGidFile = "/etc/subgid";

    /// <summary>The ranges of the user (by name or by numeric id); none when the file is missing or unreadable.</summary>
    public static IReadOnlyList<SubordinateRange> Read(string file, string? userName, uint id)
    {
        string text;
        try { text = File.ReadAllText(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
        return Parse(text, userName, id);
    }

    public static IReadOnlyList<SubordinateRange> Parse(string text, string? userName, uint id)
    {
        ArgumentNullException.ThrowIfNull(text);
        string numeric = id.ToString(CultureInfo.InvariantCulture);
        var ranges = new List<SubordinateRange>();
        foreach (var raw in text.Split('\n'))
        {
            var f = raw.Trim().Split(':');
            if (f.Length != 3 || (f[0] != numeric && f[0] != userName)) continue;
            if (uint.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out uint start)
                && uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint count) && count > 0)
                ranges.Add(new SubordinateRange(start, count));
        }
        return ranges;
    }
}
