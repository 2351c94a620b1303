using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Stop-Container: sends -Signal (TERM), waits -Timeout seconds, then SIGKILL.</summary>
[Cmdlet(VerbsLifecycle.Stop, "Container", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class StopContainerCommand : ContainerTargetCmdletBase
{
    [Parameter] [ArgumentCompleter(typeof(SignalCompleter))] [ValidateNotNullOrEmpty] public string Signal { get; set; } = "TERM";

    /// <summary>Seconds to wait after -Signal before SIGKILL.</summary>
    [Parameter] [ValidateRange(0, int.MaxValue)] public int Timeout { get; set; } = 10;

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(Container c)
    {
        if (c.State is ContainerState.Stopped)
        {
            if (PassThru) WriteObject(c);
            return;
        }
        if (!ShouldProcessContainer(c, "Stop container")) return;
        var stopped = StopAndWait(c, Signal, Timeout);
        if (c.AutoRemove) Lifecycle.Delete(c, force: true, Cancel);
        if (PassThru) WriteObject(stopped);
    }
}
