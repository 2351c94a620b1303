namespace LibContainer.Cli.Commands;

/// <summary>`resume ID` (the seed's `unpause`): thaws a paused container.</summary>
public static class ResumeCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, Array.Empty<string>(), Array.Empty<string>());
        ctx.Operations.Resume(SeedId.Resolve(a, "resume"));
        return 0;
    }
}
