using LibContainer.Runtime;
using LibContainer.Runtime.Launch;

namespace LibContainer.Cli.Commands;

/// <summary>`create [--bundle B] [--pid-file P] [--console-socket S] [--preserve-fds N] [--no-pivot] [--no-new-keyring] ID`</summary>
public static class CreateCommand
{
    internal static readonly string[] BoolFlags = { "no-pivot", "no-new-keyring" };
    internal static readonly string[] ValueFlags = { "bundle", "pid-file", "console-socket", "preserve-fds" };
    internal static readonly Dictionary<string, string> Aliases = new() { ["b"] = "bundle" };

    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, BoolFlags, ValueFlags, Aliases);
        var o = Options(ctx, a, "create");
        var launched = ContainerLauncher.Create(ctx.Store, SpecSource.LoadBundle(o.Bundle), o);
        if (launched.Warning is { } warning) ctx.Warn(warning);
        ctx.DebugLine(launched.Debug);
        launched.Channel.Close();
        Interop.RuntimeSys.Close(launched.PidFd); // a supervisor runs create in process and lives on
        return 0;
    }

    internal static CreateOptions Options(CliContext ctx, CliArgs a, string command)
    {
        string id = a.RequireId(command);
        if (a.Positionals.Count > 1) throw new UsageException($"\"{command}\" takes exactly one container id");
        return new CreateOptions
        {
            Id = id,
            Bundle = a.Value("bundle") ?? ".",
            PidFile = a.Value("pid-file"),
            ConsoleSocket = a.Value("console-socket"),
            PreserveFds = a.IntValue("preserve-fds"),
            NoPivot = a.Has("no-pivot"),
            NoNewKeyring = a.Has("no-new-keyring"),
            Cgroups = ctx.Cgroups,
            Rootless = ctx.Rootless ?? RootlessLaunch.Default,
        };
    }
}
