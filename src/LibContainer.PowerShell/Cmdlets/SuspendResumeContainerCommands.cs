using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Suspend-Container: freezes every process of a running container (cgroup freezer).</summary>
[Cmdlet(VerbsLifecycle.Suspend, "Container", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class SuspendContainerCommand : ContainerTargetCmdletBase
{
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(Container c)
    {
        if (c.State != ContainerState.Paused)
        {
            if (c.State != ContainerState.Running) { WriteError(ErrorMapper.NotRunning(c)); return; }
            if (!ShouldProcessContainer(c, "Suspend container")) return;
            Lifecycle.Pause(c);
        }
        if (PassThru) WriteObject(Reload(c));
    }
}

/// <summary>Resume-Container: thaws a suspended container.</summary>
[Cmdlet(VerbsLifecycle.Resume, "Container", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class ResumeContainerCommand : ContainerTargetCmdletBase
{
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(Container c)
    {
        if (c.State != ContainerState.Running)
        {
            if (c.State != ContainerState.Paused) { WriteError(ErrorMapper.NotRunning(c)); return; }
            if (!ShouldProcessContainer(c, "Resume container")) return;
            Lifecycle.Resume(c);
        }
        if (PassThru) WriteObject(Reload(c));
    }
}
