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
    protected void ThrowNoTarget() => ThrowTerminatingError(ErrorMapper.Make(ErrorIds.ContainerNotSpecified,
        ContainerErrorKind.NotFound, "Give the container with -Name, -Id or -InputObject (or pipe it in).", null));

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
}

/// <summary>Base of every cmdlet that acts on existing containers: -Name / -Id / -InputObject parameter sets.</summary>
public abstract class ContainerTargetCmdletBase : ContainerCmdletBase
{
    // Not Mandatory: a mandatory by-property-name parameter in the default set makes PowerShell latch onto that set
    // for every pipeline object, so a piped Container would never reach -InputObject. Checked in ProcessRecord.
    [Parameter(ParameterSetName = ContainerResolver.NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    [Parameter(ParameterSetName = ContainerResolver.IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    [Parameter(ParameterSetName = ContainerResolver.InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Container[] InputObject { get; set; } = [];

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ContainerResolver.NameSet && Name.Length == 0) ThrowNoTarget();
        foreach (var (c, error) in ContainerResolver.Resolve(ParameterSetName, Name, Id, InputObject))
        {
            if (error is not null) WriteError(error);
            else Try(c, () => ProcessContainer(c!));
        }
    }

    protected abstract void ProcessContainer(Container container);
}
