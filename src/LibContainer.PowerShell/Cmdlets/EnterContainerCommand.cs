using System.Collections;
using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>
/// Enter-Container: an interactive shell in a container, on a pseudo-terminal (what Invoke-ContainerProcess -Tty
/// does, through the same nsinit exec): /bin/sh unless -Program says otherwise. Needs a terminal.
/// </summary>
[Cmdlet(VerbsCommon.Enter, "Container", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true)]
public sealed class EnterContainerCommand : SingleContainerCmdletBase
{
    [Parameter(ParameterSetName = ContainerResolver.NameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The program and its arguments, as an array (/bin/sh by default).</summary>
    [Parameter(Position = 1)] [ValidateNotNullOrEmpty] public string[] Program { get; set; } = ["/bin/sh"];

    [Parameter] public IDictionary Environment { get; set; } = new Hashtable();

    [Parameter] [ValidateNotNullOrEmpty] public string WorkingDirectory { get; set; } = "";

    /// <summary>UID[:GID] the shell runs as.</summary>
    [Parameter] [ValidatePattern(@"^\d+(:\d+)?$")] public string User { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ContainerResolver.NameSet && Name.Length == 0) ThrowNoTarget();
        if (System.Console.IsInputRedirected || System.Console.IsOutputRedirected)
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                "Enter-Container needs a terminal (standard input or output is redirected here); run a command with Invoke-ContainerProcess instead."),
                ErrorIds.TerminalRequired, ErrorCategory.InvalidOperation, null));
        foreach (var (c, error) in Resolve(Name).Take(1))
        {
            if (error is not null) WriteError(error);
            else if (ShouldProcessContainer(c!, $"Enter with '{string.Join(' ', Program)}'")) Try(c, () => Enter(ContainerExec.Ready(c!, Cancel)));
        }
    }

    private void Enter(Container c)
    {
        var processFile = ContainerExec.WriteProcessFile(c, Program, terminal: true, Bound(nameof(WorkingDirectory)) ? WorkingDirectory : null,
            Bound(nameof(User)) ? User : null, Bound(nameof(Environment)) ? Environment : null);
        var (pidFile, log) = (processFile + ".pid", processFile + ".log");
        int exitCode;
        try
        {
            using var p = ContainerExec.Start(c, processFile, pidFile, log, tty: true, redirectOutput: false);
            exitCode = ContainerExec.WaitInteractive(p, pidFile, Cancel);
            if (exitCode != 0 && LibContainer.Runtime.NsinitError.FromLog(log, c.Id) is { } failed) WriteError(ErrorMapper.ProcessStartFailed(failed, c));
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            File.Delete(processFile);
            File.Delete(pidFile);
            File.Delete(log);
        }
        SessionState.PSVariable.Set("global:LASTEXITCODE", exitCode);
    }

    private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
}
