using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Get-Container: lists containers, by name (wildcards), id prefix or state.</summary>
[Cmdlet(VerbsCommon.Get, "Container", DefaultParameterSetName = ContainerResolver.NameSet)]
[OutputType(typeof(Container))]
public sealed class GetContainerCommand : ContainerCmdletBase
{
    [Parameter(ParameterSetName = ContainerResolver.NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    [Parameter(ParameterSetName = ContainerResolver.IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    [Parameter] public ContainerState[] State { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var (c, error) in ContainerResolver.Resolve(ParameterSetName, Name, Id, null, allWhenNoName: true))
        {
            if (error is not null) WriteError(error);
            else if (State.Length == 0 || State.Contains(c!.State)) WriteObject(c);
        }
    }
}
