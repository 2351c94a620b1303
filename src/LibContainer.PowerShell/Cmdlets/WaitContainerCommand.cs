using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Wait-Container: waits until containers stop; emits each once it has stopped.</summary>
[Cmdlet(VerbsLifecycle.Wait, "Container", DefaultParameterSetName = ContainerResolver.NameSet)]
[OutputType(typeof(Container))]
public sealed class WaitContainerCommand : ContainerTargetCmdletBase
{
    /// <summary>Seconds to wait for each container; -1 waits forever.</summary>
    [Parameter] [ValidateRange(-1, int.MaxValue)] public int Timeout { get; set; } = -1;

    protected override void ProcessContainer(Container c)
    {
        var timeout = Timeout < 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(Timeout);
        if (!Lifecycle.WaitStopped(c, timeout, Cancel))
        {
            WriteError(ErrorMapper.Make(ErrorIds.StopTimeout, ContainerErrorKind.Running,
                $"Container '{c.Name}' still runs after {Timeout}s.", c));
            return;
        }
        WriteObject(Reload(c));
    }
}
