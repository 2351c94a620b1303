namespace LibContainer.Cli.Commands;

/// <summary>`start ID`: releases a created container's process.</summary>
public static class StartCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, Array.Empty<string>(), Array.Empty<string>());
        var ops = ctx.Operations;
        ops.Start(a.RequireId("start"));
        foreach (var w in ops.Warnings) ctx.Warn(w);
        return 0;
    }
}
