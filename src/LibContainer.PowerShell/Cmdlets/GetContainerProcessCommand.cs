using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Get-ContainerProcess: the processes running in containers (like `nsinit ps`).</summary>
[Cmdlet(VerbsCommon.Get, "ContainerProcess", DefaultParameterSetName = ContainerResolver.NameSet)]
[OutputType(typeof(ContainerProcess))]
public sealed class GetContainerProcessCommand : ContainerTargetCmdletBase
{
    protected override void ProcessContainer(Container c)
    {
        if (c.State is ContainerState.Stopped) { WriteError(ErrorMapper.NotRunning(c)); return; }
        foreach (var pid in ContainerProcesses.Pids(c))
            if (ContainerProcesses.Describe(c, pid) is { } p) WriteObject(p);
    }
}
