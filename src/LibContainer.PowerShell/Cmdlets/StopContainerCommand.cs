using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Stop-Container: sends -Signal (TERM), waits -Timeout seconds, then SIGKILL.</summary>
[Cmdlet(VerbsLifecycle.Stop, "Container", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class StopContainerCommand : ContainerTargetCmdletBase
{
    [Parameter] [ValidateNotNullOrEmpty] public string Signal { get; set; } = "TERM";

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
        if (c.State == ContainerState.Paused) Lifecycle.Resume(c); // a frozen init cannot act on the signal
        if (c.State == ContainerState.Created || !TrySignal(c, Signal) || !Lifecycle.WaitStopped(c, TimeSpan.FromSeconds(Timeout), Cancel, Progress(c, $"Waiting up to {Timeout}s for it to stop")))
        {
            WriteVerbose($"Container '{c.Name}' did not stop after SIG{Signal.ToUpperInvariant().Replace("SIG", "")} within {Timeout}s: sending SIGKILL.");
            TrySignal(c, "KILL");
            if (!Lifecycle.WaitStopped(c, TimeSpan.FromSeconds(10), Cancel, Progress(c, "Sent SIGKILL; waiting for it to stop")))
                throw new ContainerException(ContainerErrorKind.SystemError, $"Container '{c.Name}' did not stop after SIGKILL.", c.Id);
        }
        // init's end and the supervisor's exit.json are a moment apart: wait for it, so the result shows ExitCode.
        LibContainer.Runtime.ExitStatusReader.AwaitExitStatus(new LibContainer.Runtime.StateStore(c.StateRoot), c.Id, TimeSpan.FromSeconds(5), Cancel);
        var stopped = Reload(c);
        if (c.AutoRemove) Lifecycle.Delete(c, force: true, Cancel);
        if (PassThru) WriteObject(stopped);
    }

    private bool TrySignal(Container c, string signal)
    {
        try
        {
            Lifecycle.Signal(c, signal, Cancel);
            return true;
        }
        catch (ContainerException e) when (e.Kind is ContainerErrorKind.NotRunning)
        {
            return true; // it stopped on its own in the meantime
        }
    }
}
