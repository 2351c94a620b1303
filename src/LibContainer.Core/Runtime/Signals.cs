namespace LibContainer.Runtime;

/// <summary>Signal names ↔ numbers (x86-64 Linux), as `kill` accepts them: TERM, SIGTERM, 15, RTMIN+3.</summary>
public static class Signals
{
    private static readonly string[] Names =
    {
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM",
        "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
        "WINCH", "IO", "PWR", "SYS",
    };

    /// <summary>The named signals without the SIG prefix (HUP … SYS), in number order.</summary>
    public static IEnumerable<string> All => Names.Skip(1);

    public static int Parse(string text)
    {
        string s = text.Trim().ToUpperInvariant();
        if (int.TryParse(s, out int n) && n is >= 0 and <= 64) return n; // 0: `kill ID 0`, a liveness probe
        if (s.StartsWith("SIG", StringComparison.Ordinal)) s = s[3..];
        int idx = Array.IndexOf(Names, s);
        if (idx > 0) return idx;
        if (s is "IOT") return 6;
        if (s is "POLL") return 29;
        if (s.StartsWith("RTMIN", StringComparison.Ordinal) && Offset(s[5..]) is { } a && 34 + a <= 64) return 34 + a;
        if (s.StartsWith("RTMAX", StringComparison.Ordinal) && Offset(s[5..]) is { } b && 64 + b >= 34) return 64 + b;
        throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid signal '{text}'");
    }

    private static int? Offset(string s) => s.Length == 0 ? 0 : int.TryParse(s, out int v) ? v : null;

    public static string Name(int sig) => sig > 0 && sig < Names.Length ? "SIG" + Names[sig] : $"SIG{sig}";
}
