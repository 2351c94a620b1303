using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Start-Container: starts a created container's init process (`nsinit start`).</summary>
[Cmdlet(VerbsLifecycle.Start, "Container", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class StartContainerCommand : ContainerTargetCmdletBase
{
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(Container c)
    {
        switch (c.State)
        {
            case ContainerState.Running:
                break; // already started: nothing to do
            case ContainerState.Created:
                if (!ShouldProcessContainer(c, "Start container")) return;
                Lifecycle.Start(c, Cancel);
                break;
            case ContainerState.Paused:
                throw new ContainerException(ContainerErrorKind.Paused, $"Container '{c.Name}' is paused.", c.Id);
            default:
                throw new ContainerException(ContainerErrorKind.NotRunning,
                    $"Container '{c.Name}' is {c.State.ToString().ToLowerInvariant()}; a stopped container cannot start again: create a new one.", c.Id);
        }
        if (PassThru) WriteObject(Reload(c));
    }
}
