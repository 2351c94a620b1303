using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Shared glue: cancellation on Ctrl+C / StopProcessing, error mapping, ShouldProcess wording.</summary>
public abstract class ContainerCmdletBase : PSCmdlet
{
    private readonly CancellationTokenSource _cancel = new();

    protected CancellationToken Cancel => _cancel.Token;

    protected override void StopProcessing() => _cancel.Cancel();

    protected override void EndProcessing() => _cancel.Dispose();

    /// <summary>ShouldProcess with the target worded as "name (id)".</summary>
    protected bool ShouldProcessContainer(Container c, string action) => ShouldProcess($"{c.Name} ({c.ShortId})", action);

    protected void WriteErrorFor(Exception e, object? target, string? errorId = null)
    {
        if (e is OperationCanceledException && Cancel.IsCancellationRequested) throw new PipelineStoppedException();
        WriteError(ErrorMapper.FromException(e, target, errorId));
    }

    /// <summary>Runs one per-item action, turning any failure into a non-terminating error on that item.</summary>
    protected void Try(object? target, Action action, string? errorId = null)
    {
        try
        {
            action();
        }
        catch (Exception e) when (IsFailure(e))
        {
            WriteErrorFor(e, target, errorId);
        }
    }

    /// <summary>A failure to report on the item; PowerShell's own flow exceptions (stop, -First, -ErrorAction Stop) pass.</summary>
    protected static bool IsFailure(Exception e) => e.GetType().Assembly != typeof(PSCmdlet).Assembly;

    /// <summary>Neither -Name, -Id nor -InputObject was given.</summary>
    protected void ThrowNoTarget() => ThrowTerminatingError(ErrorMapper.NoTarget());

    /// <summary>A Write-Progress callback for a wait on <paramref name="c"/>: shown only once it lasts over a second
    /// (Lifecycle.WaitStopped calls it on this thread), completed when the wait ends.</summary>
    protected Action<TimeSpan?> Progress(Container c, string status)
    {
        var id = Math.Abs(c.Id.GetHashCode()) % 100000;
        return elapsed => WriteProgress(new ProgressRecord(id, $"Container '{c.Name}'", elapsed is { } e ? $"{status} ({e.TotalSeconds:0}s)" : status)
        {
            RecordType = elapsed is null ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        });
    }

    protected Container Reload(Container c) => ContainerCatalog.Load(c.Id, c.StateRoot) ?? c;

    /// <summary>Stop-Container's sequence (Restart-Container's too): a paused init is resumed, then -Signal, up to
    /// <paramref name="timeoutSeconds"/> for it to stop, then SIGKILL. Returns the stopped container, with ExitCode.</summary>
    protected Container StopAndWait(Container c, string signal, int timeoutSeconds)
    {
        if (c.State == ContainerState.Paused) Lifecycle.Resume(c); // a frozen init cannot act on the signal
        if (c.State == ContainerState.Created || !TrySignal(c, signal)
            || !Lifecycle.WaitStopped(c, TimeSpan.FromSeconds(timeoutSeconds), Cancel, Progress(c, $"Waiting up to {timeoutSeconds}s for it to stop")))
        {
            WriteVerbose($"Container '{c.Name}' did not stop after SIG{signal.ToUpperInvariant().Replace("SIG", "")} within {timeoutSeconds}s: sending SIGKILL.");
            TrySignal(c, "KILL");
            if (!Lifecycle.WaitStopped(c, TimeSpan.FromSeconds(10), Cancel, Progress(c, "Sent SIGKILL; waiting for it to stop")))
                throw new ContainerException(ContainerErrorKind.SystemError, $"Container '{c.Name}' did not stop after SIGKILL.", c.Id);
        }
        // init's end and the supervisor's exit.json are a moment apart: wait for it, so the result shows ExitCode.
        LibContainer.Runtime.ExitStatusReader.AwaitExitStatus(new LibContainer.Runtime.StateStore(c.StateRoot), c.Id, TimeSpan.FromSeconds(5), Cancel);
        return Reload(c);
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
