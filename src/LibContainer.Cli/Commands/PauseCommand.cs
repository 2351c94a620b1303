namespace LibContainer.Cli.Commands;

/// <summary>`pause ID` / `resume ID` (seed: `unpause`): the cgroup freezer.</summary>
public static class PauseCommand
{
    public static int Run(CliContext ctx, string[] args, int start, bool pause)
    {
        var a = CliArgs.Parse(args, start, Array.Empty<string>(), Array.Empty<string>());
        string id = SeedId.Resolve(a, pause ? "pause" : "resume");
        if (pause) ctx.Operations.Pause(id); else ctx.Operations.Resume(id);
        return 0;
    }
}
