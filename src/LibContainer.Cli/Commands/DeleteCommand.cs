namespace LibContainer.Cli.Commands;

/// <summary>`delete [--force] ID`</summary>
public static class DeleteCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, new[] { "force" }, Array.Empty<string>(), new() { ["f"] = "force" });
        var ops = ctx.Operations;
        ops.Delete(a.RequireId("delete"), a.Has("force"));
        foreach (var w in ops.Warnings) ctx.Warn(w);
        return 0;
    }
}
