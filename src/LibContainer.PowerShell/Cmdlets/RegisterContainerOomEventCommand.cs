using System.Management.Automation;
using LibContainer.PowerShell.Runtime;
using Microsoft.PowerShell.Commands;

namespace LibContainer.PowerShell.Commands;

/// <summary>
/// Register-ContainerOomEvent: subscribes to OOM kills in one container. -SourceIdentifier, -Action, -MessageData,
/// -SupportEvent, -Forward and -MaxTriggerCount come from ObjectEventRegistrationBase; each kill is one event.
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "ContainerOomEvent", DefaultParameterSetName = ContainerResolver.NameSet)]
[OutputType(typeof(PSEventJob))]
public sealed class RegisterContainerOomEventCommand : ObjectEventRegistrationBase
{
    private ContainerOomWatcher? _watcher;

    [Parameter(ParameterSetName = ContainerResolver.NameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(ParameterSetName = ContainerResolver.IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = "";

    [Parameter(ParameterSetName = ContainerResolver.InputObjectSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Container InputObject { get; set; } = null!;

    /// <summary>Finds the container and starts its watcher; the base class subscribes in EndProcessing.</summary>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ContainerResolver.NameSet && Name.Length == 0)
            ThrowTerminatingError(ErrorMapper.NoTarget());
        var found = ContainerResolver.Resolve(ParameterSetName, [Name], [Id], [InputObject]).ToList();
        var error = found.Select(f => f.Error).FirstOrDefault(e => e is not null);
        if (error is not null) ThrowTerminatingError(error);
        if (found.Count != 1)
            ThrowTerminatingError(ErrorMapper.Make(ErrorIds.ContainerIdAmbiguous, ContainerErrorKind.NotFound,
                $"'{Name}' matches {found.Count} containers; register for one container at a time.", Name));
        var c = found[0].Container!;
        try
        {
            _watcher?.Dispose();
            _watcher = new ContainerOomWatcher(c);
        }
        catch (Exception e) when (e is ContainerException or SyscallException or IOException)
        {
            ThrowTerminatingError(ErrorMapper.FromException(e, c));
        }
    }

    protected override object GetSourceObject() => _watcher!;

    protected override string GetSourceObjectEventName() => nameof(ContainerOomWatcher.OomKilled);
}
