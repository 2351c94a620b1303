namespace LibContainer.Cli.Commands;

/// <summary>`pause ID`: freezes every process of the container (the seed's `nsinit pause` in a container.json directory).</summary>
public static class PauseCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, Array.Empty<string>(), Array.Empty<string>());
        ctx.Operations.Pause(SeedId.Resolve(a, "pause"));
        return 0;
    }
}
