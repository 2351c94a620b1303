using LibContainer.Cli.Commands;
using LibContainer.Runtime.Launch;
using LibContainer.Runtime.Trace;

namespace LibContainer.Cli;

public static class Program
{
    private const string Usage = "usage: nsinit [--root DIR] [--log FILE] [--log-format text|json] [--debug] [--trace FILE] [--systemd-cgroup] "
        + "[--cgroup-manager cgroupfs|disabled|systemd] COMMAND [ARGS]\n"
        + "commands: create start run state kill delete list ps exec spec config pause resume update events features check --version\n"
        + "extension: check [--bundle DIR] [--format text|json] (will this config run on this host: one line per problem)\n"
        + "extension: create|run --detach --supervise (a supervisor records the exit status in <root>/<id>/exit.json)\n"
        + "seed (in a directory with container.json): exec CMD, pause, unpause, stats, config\n";

    public static int Main(string[] args)
    {
        var ctx = new CliContext();
        try
        {
            if (Environment.GetEnvironmentVariable("NSINIT_TRACE") is { Length: > 0 } traceFile) PhaseTrace.Start(traceFile, "");
            int i = ParseGlobals(ctx, args);
            if (i >= args.Length) throw new UsageException("no command given");
            string command = args[i];
            PhaseTrace.SetCommand(command);
            ctx.DebugLine($"nsinit {string.Join(' ', args)}");
            int status = command switch
            {
                "create" or "run" when SuperviseCommand.Requested(args, i + 1) => SuperviseCommand.Run(ctx, args, i),
                Runtime.Supervision.Supervisor.Command => SuperviseCommand.RunSupervisor(args, i + 1),
                "create" => CreateCommand.Run(ctx, args, i + 1),
                "start" => StartCommand.Run(ctx, args, i + 1),
                "run" => RunCommand.Run(ctx, args, i + 1),
                "state" => StateCommand.Run(ctx, args, i + 1),
                "kill" => KillCommand.Run(ctx, args, i + 1),
                "delete" => DeleteCommand.Run(ctx, args, i + 1),
                "list" or "ls" => ListCommand.Run(ctx, args, i + 1),
                "ps" => PsCommand.Run(ctx, args, i + 1),
                "spec" => SpecCommand.Run(ctx, args, i + 1),
                "config" => ConfigCommand.Run(args, i + 1),
                "exec" => ExecCommand.Run(ctx, args, i + 1),
                "pause" => PauseCommand.Run(ctx, args, i + 1, pause: true),
                "resume" or "unpause" => PauseCommand.Run(ctx, args, i + 1, pause: false),
                "update" => UpdateCommand.Run(ctx, args, i + 1),
                "events" => EventsCommand.Run(ctx, args, i + 1),
                "features" => FeaturesCommand.Run(args, i + 1),
                "check" => CheckCommand.Run(ctx, args, i + 1),
                "stats" => EventsCommand.Run(ctx, args, i + 1, statsOnly: true),
                "--version" or "-v" or "version" => VersionCommand.Run(),
                "--help" or "-h" or "help" => Help(),
                _ => throw new UsageException($"unknown command '{command}'"),
            };
            ctx.DebugLine($"{command}: exit status {status}");
            return status;
        }
        catch (UsageException e)
        {
            ctx.Error(e.Message);
            CliContext.Err(Usage);
            return 1;
        }
        catch (Exception e)
        {
            // The one error boundary: whatever failed, the user reads the project's wording, never .NET's (whose
            // texts are bare resource keys in this NativeAOT binary).
            ctx.Error(CliErrors.Describe(e), ErrorFacts.Of(e));
            return 1;
        }
        finally
        {
            PhaseTrace.Flush();
        }
    }

    private static int Help()
    {
        CliContext.Out(Usage);
        return 0;
    }

    private static int ParseGlobals(CliContext ctx, string[] args)
    {
        int i = 0;
        for (; i < args.Length; i++)
        {
            string a = args[i];
            if (!a.StartsWith('-') || a is "--version" or "-v" or "--help" or "-h") break;
            string name = a.TrimStart('-');
            string? value = null;
            int eq = name.IndexOf('=');
            if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            string Next() => value ?? (i + 1 < args.Length ? args[++i] : throw new UsageException($"flag needs an argument: --{name}"));
            switch (name)
            {
                case "root": ctx.Root = Next(); break;
                case "log": ctx.LogFile = Next(); break;
                case "log-format":
                    ctx.LogFormat = Next();
                    if (ctx.LogFormat is not ("text" or "json")) throw new UsageException($"invalid log format '{ctx.LogFormat}' (text or json)");
                    break;
                case "debug": ctx.Debug = true; break;
                case "trace": if (!PhaseTrace.Enabled) PhaseTrace.Start(Next(), ""); else Next(); break;
                case "systemd-cgroup": ctx.Cgroups = CgroupDriver.Systemd; break;
                case "rootless": Next(); break;
                case "criu": Next(); break;
                case "cgroup-manager":
                    ctx.Cgroups = Next() switch
                    {
                        "cgroupfs" => CgroupDriver.Cgroupfs,
                        "disabled" => CgroupDriver.Disabled,
                        "systemd" => CgroupDriver.Systemd,
                        var v => throw new UsageException($"invalid --cgroup-manager '{v}' (cgroupfs, disabled or systemd)"),
                    };
                    break;
                default: throw new UsageException($"flag provided but not defined: {a}");
            }
        }
        return i;
    }
}
