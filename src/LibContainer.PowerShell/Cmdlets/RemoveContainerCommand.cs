using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Remove-Container: deletes a stopped (or, with -Force, any) container and the bundle the module wrote.</summary>
[Cmdlet(VerbsCommon.Remove, "Container", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveContainerCommand : ContainerTargetCmdletBase
{
    /// <summary>Kill a container that still runs, then remove it.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessContainer(Container c)
    {
        if (c.State is not (ContainerState.Stopped or ContainerState.Created) && !Force)
        {
            WriteError(ErrorMapper.Make(ErrorIds.ContainerRunning, ContainerErrorKind.Running,
                $"Container '{c.Name}' is {c.State.ToString().ToLowerInvariant()}: stop it first or use -Force.", c));
            return;
        }
        if (!ShouldProcessContainer(c, "Remove container")) return;
        Lifecycle.Delete(c, force: Force || c.State == ContainerState.Created, Cancel);
    }
}
