using System.Globalization;

namespace LibContainer.Cli.Commands;

/// <summary>Durations as runc (Go) writes them: "5s", "500ms", "1m30s", "1.5h"; units ns, us, µs, ms, s, m, h.</summary>
internal static class GoDuration
{
    public static TimeSpan Parse(string text, string flag)
    {
        double ticks = 0;
        int i = 0;
        string s = text.Trim();
        if (s.Length == 0) throw Bad(text, flag);
        while (i < s.Length)
        {
            int numStart = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == numStart || !double.TryParse(s[numStart..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
                throw Bad(text, flag);
            int unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.') i++;
            double perUnit = s[unitStart..i] switch
            {
                "ns" => 0.01, "us" or "µs" => 10, "ms" => TimeSpan.TicksPerMillisecond, "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute, "h" => TimeSpan.TicksPerHour, _ => throw Bad(text, flag),
            };
            ticks += n * perUnit;
        }
        if (ticks <= 0) throw new UsageException($"--{flag}: the duration must be positive, not \"{text}\"");
        return TimeSpan.FromTicks((long)ticks);
    }

    private static UsageException Bad(string text, string flag)
        => new($"--{flag}: invalid duration \"{text}\" (e.g. 5s, 500ms, 1m30s)");
}
