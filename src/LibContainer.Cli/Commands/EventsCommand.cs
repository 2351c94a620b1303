using LibContainer.Stats;

namespace LibContainer.Cli.Commands;

/// <summary>`events [--interval 5s] [--stats] ID`: runc's JSON lines — with --stats one stats object, otherwise stats
/// every interval and an "oom" object per OOM kill until the container stops. `stats` (the seed's) is `events --stats`.</summary>
public static class EventsCommand
{
    public static int Run(CliContext ctx, string[] args, int start, bool statsOnly = false)
    {
        var a = CliArgs.Parse(args, start, new[] { "stats" }, new[] { "interval" });
        string id = SeedId.Resolve(a, statsOnly ? "stats" : "events");
        var ops = ctx.Operations;
        if (statsOnly || a.Has("stats"))
        {
            CliContext.Out(RuncEvents.ToJson(RuncEvents.FromStats(id, ops.Stats(id))) + "\n");
            return 0;
        }
        var interval = GoDuration.Parse(a.Value("interval") ?? "5s", "interval");
        ops.Events(id, interval, e => Write(RuncEvents.ToJson(e) + "\n"));
        return 0;
    }

    /// <summary>false when stdout is gone (the reader closed the pipe): the stream ends.</summary>
    private static bool Write(string line)
    {
        try
        {
            LibContainer.Interop.RuntimeSys.WriteAll(1, System.Text.Encoding.UTF8.GetBytes(line));
            return true;
        }
        catch (SyscallException) { return false; }
    }
}
