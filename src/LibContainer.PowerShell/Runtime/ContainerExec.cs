using System.Collections;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.Runtime;

namespace LibContainer.PowerShell.Runtime;

/// <summary>What the cmdlets that run a process in a container share: the process file `nsinit exec --process`
/// reads, starting nsinit exec (Core's client), and waiting for a process that has the terminal.</summary>
internal static class ContainerExec
{
    /// <summary>The container's process with this call's overrides (null: keep the container's), written 0600 under a
    /// fresh name: -Environment may carry secrets, and the temp directory is shared.</summary>
    public static string WriteProcessFile(Container c, string[] argv, bool terminal, string? cwd, string? user, IDictionary? env)
    {
        var baseProcess = c.Config.Process ?? new Process();
        var p = JsonSerializer.Deserialize(JsonSerializer.Serialize(baseProcess, OciJsonContext.Default.Process), OciJsonContext.Default.Process)!;
        p.Args = [.. argv];
        p.Terminal = terminal;
        if (cwd is not null) p.Cwd = cwd;
        if (user is not null) p.User = ProcessOverrides.WithUser(p.User, user, "-User");
        if (env is { Count: > 0 }) p.Env = ProcessOverrides.WithEnv(p.Env, Commands.ContainerSpecCmdletBase.EnvEntries(env));
        return PrivateTempFile.Write("libcontainer-process", JsonSerializer.Serialize(p, OciJsonContext.Default.Process));
    }

    /// <summary>`nsinit exec --process FILE --pid-file PIDFILE [--tty] ID`, with its output piped or the terminal's.</summary>
    public static System.Diagnostics.Process Start(Container c, string processFile, string pidFile, string log, bool tty,
        bool redirectOutput, bool redirectInput = false)
    {
        var args = new List<string> { "--root", c.StateRoot, "exec", "--process", processFile, "--pid-file", pidFile };
        if (tty) args.Add("--tty");
        args.Add(c.Id);
        return NsinitDetached.Client.Start(args, log, redirectOutput, redirectInput);
    }

    /// <summary>Waits for a process that has the terminal; on cancel (Ctrl+C, Stop-Job) it is killed and
    /// OperationCanceledException propagates.</summary>
    public static int WaitInteractive(System.Diagnostics.Process p, string pidFile, CancellationToken cancel)
    {
        try
        {
            NsinitProcess.WaitForExit(p, cancel);
            return p.ExitCode;
        }
        catch (OperationCanceledException)
        {
            ContainerProcessKiller.Kill(pidFile, p);
            throw;
        }
    }

    /// <summary>The seed's semantics: a created container is started first; a running one is joined.</summary>
    public static Container Ready(Container c, CancellationToken cancel)
    {
        switch (c.State)
        {
            case ContainerState.Running:
                return c;
            case ContainerState.Created:
                Lifecycle.Start(c, cancel);
                return ContainerCatalog.Load(c.Id, c.StateRoot) ?? c;
            case ContainerState.Paused:
                throw new ContainerException(ContainerErrorKind.Paused, $"Container '{c.Name}' is paused.", c.Id);
            default:
                throw new ContainerException(ContainerErrorKind.NotRunning, $"Container '{c.Name}' is not running.", c.Id);
        }
    }
}
