using System.Globalization;
using LibContainer.Runtime.Launch;
using LibContainer.Runtime.Supervision;

namespace LibContainer.Cli.Commands;

/// <summary>The opt-in `--supervise` extension of `create` and `run --detach` (not a runc flag: engines never pass
/// it, so their create stays the plain one), and the hidden `__supervise` command the supervisor runs as.</summary>
public static class SuperviseCommand
{
    private const string Flag = "supervise";

    /// <summary>True when args[start..] of create/run carry --supervise.</summary>
    public static bool Requested(string[] args, int start)
    {
        for (int i = start; i < args.Length; i++)
        {
            if (args[i] == "--") return false;
            if (IsFlag(args[i])) return true;
        }
        return false;
    }

    private static bool IsFlag(string a) => a is "--supervise" or "-supervise" or "--supervise=true";

    /// <summary>`[globals] create|run --supervise …`: <paramref name="commandIndex"/> is where create/run stands.</summary>
    public static int Run(CliContext ctx, string[] args, int commandIndex)
    {
        bool run = args[commandIndex] == "run";
        var bools = CreateCommand.BoolFlags.Append(Flag);
        var aliases = new Dictionary<string, string>(CreateCommand.Aliases);
        if (run) { bools = bools.Append("detach"); aliases["d"] = "detach"; }
        var a = CliArgs.Parse(args, commandIndex + 1, bools.ToArray(), CreateCommand.ValueFlags, aliases);
        var o = CreateCommand.Options(ctx, a, args[commandIndex]);
        if (run && !a.Has("detach")) throw new UsageException("run --supervise needs --detach (a foreground run waits for the container itself)");
        LibContainer.Runtime.StateStore.ValidateId(o.Id);
        var inner = args.Where(x => !IsFlag(x)).ToList();
        string exe = Environment.ProcessPath ?? "/proc/self/exe";
        return Supervisor.CreateSupervised(exe, inner, ctx.Store.Root, o.Id, o.PreserveFds, ctx.Cgroups);
    }

    /// <summary>`nsinit __supervise REPORTFD PRESERVEFDS ROOT ID CGROUPDRIVER -- ARGS…` (started only by <see cref="Run"/>).</summary>
    public static int RunSupervisor(string[] args, int start)
    {
        if (args.Length - start < 6 || args[start + 5] != "--"
            || !int.TryParse(args[start], NumberStyles.None, CultureInfo.InvariantCulture, out int reportFd)
            || !int.TryParse(args[start + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int preserveFds)
            || !Enum.TryParse(args[start + 4], out CgroupDriver cgroups))
            throw new UsageException($"{Supervisor.Command} is internal to create --supervise");
        string[] inner = args[(start + 6)..];
        return Supervisor.Run(reportFd, preserveFds, args[start + 2], args[start + 3], cgroups, () => Program.Main(inner));
    }
}
