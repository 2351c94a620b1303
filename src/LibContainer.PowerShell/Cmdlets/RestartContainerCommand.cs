using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>
/// Restart-Container: stops a container as Stop-Container does (-Signal, -Timeout, then SIGKILL), then creates the
/// same bundle again under the same id and name and starts it. A container's init cannot run twice, so a restart is a
/// new init (new pid, cgroup, exit record) with the same definition; a created container is only started.
/// </summary>
[Cmdlet(VerbsLifecycle.Restart, "Container", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class RestartContainerCommand : ContainerTargetCmdletBase
{
    [Parameter] [ArgumentCompleter(typeof(SignalCompleter))] [ValidateNotNullOrEmpty] public string Signal { get; set; } = "TERM";

    /// <summary>Seconds to wait after -Signal before SIGKILL.</summary>
    [Parameter] [ValidateRange(0, int.MaxValue)] public int Timeout { get; set; } = 10;

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(Container c)
    {
        if (c.State == ContainerState.Creating)
            throw new ContainerException(ContainerErrorKind.NotRunning, $"Container '{c.Name}' is still being created.", c.Id);
        if (!File.Exists(Path.Combine(c.Bundle, "config.json")))
            throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                $"Container '{c.Name}' cannot restart: its bundle '{c.Bundle}' has no config.json any more.", c.Id);
        if (!ShouldProcessContainer(c, "Restart container")) return;
        if (c.State == ContainerState.Created) Lifecycle.Start(c, Cancel);
        else
        {
            if (c.State != ContainerState.Stopped) StopAndWait(c, Signal, Timeout);
            Lifecycle.Recreate(c, Cancel);
        }
        if (PassThru) WriteObject(Reload(c));
    }
}
