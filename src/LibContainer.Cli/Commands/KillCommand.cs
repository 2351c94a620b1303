using LibContainer.Runtime;

namespace LibContainer.Cli.Commands;

/// <summary>`kill [--all] ID [SIGNAL]` (TERM by default; names with or without SIG, or numbers).</summary>
public static class KillCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, new[] { "all" }, Array.Empty<string>(), new() { ["a"] = "all" });
        string id = a.RequireId("kill");
        if (a.Positionals.Count > 2) throw new UsageException("usage: kill [--all] ID [SIGNAL]");
        int sig = Signals.Parse(a.Positionals.Count > 1 ? a.Positionals[1] : "TERM");
        ctx.Operations.Kill(id, sig, a.Has("all"));
        return 0;
    }
}
