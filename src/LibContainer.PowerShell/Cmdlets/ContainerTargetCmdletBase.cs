using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>-Id and -InputObject of the cmdlets that take any number of containers. Each declares its own -Name:
/// whether a piped string binds to it differs.</summary>
public abstract class MultiContainerCmdletBase : ContainerCmdletBase
{
    [Parameter(ParameterSetName = ContainerResolver.IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    [Parameter(ParameterSetName = ContainerResolver.InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Container[] InputObject { get; set; } = [];
}

/// <summary>Base of every cmdlet that acts on each of the containers given: -Name / -Id / -InputObject parameter sets.</summary>
public abstract class ContainerTargetCmdletBase : MultiContainerCmdletBase
{
    // Not Mandatory: a mandatory by-property-name parameter in the default set makes PowerShell latch onto that set
    // for every pipeline object, so a piped Container would never reach -InputObject. Checked in ProcessRecord.
    [Parameter(ParameterSetName = ContainerResolver.NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

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

/// <summary>-Id and -InputObject of the cmdlets that act on one container. Each declares its own -Name: its position
/// and whether it is mandatory differ.</summary>
public abstract class SingleContainerCmdletBase : ContainerCmdletBase
{
    [Parameter(ParameterSetName = ContainerResolver.IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = "";

    [Parameter(ParameterSetName = ContainerResolver.InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Container InputObject { get; set; } = null!;

    /// <summary>The container the parameters name (several when -Name is a pattern that matches more than one).</summary>
    protected IEnumerable<(Container? Container, ErrorRecord? Error)> Resolve(string name) =>
        ContainerResolver.Resolve(ParameterSetName, [name], [Id], [InputObject]);
}
