using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Remove-Container: deletes a stopped (or, with -Force, any) container and the bundle the module wrote;
/// -Orphaned removes what containers left behind (`nsinit gc`, docs/recovery.md), one ShouldProcess per item, and
/// emits each removed item.</summary>
[Cmdlet(VerbsCommon.Remove, "Container", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(LibContainer.Runtime.Orphan), ParameterSetName = [OrphanedSet])]
public sealed class RemoveContainerCommand : ContainerTargetCmdletBase
{
    private const string OrphanedSet = "Orphaned";

    /// <summary>Kill a container that still runs, then remove it.</summary>
    [Parameter(ParameterSetName = ContainerResolver.NameSet)]
    [Parameter(ParameterSetName = ContainerResolver.IdSet)]
    [Parameter(ParameterSetName = ContainerResolver.InputObjectSet)]
    public SwitchParameter Force { get; set; }

    /// <summary>Remove orphans instead of a container: state directories of creates that died, cgroups marked as
    /// the runtime's with no process and no state, veth ends leaked by a killed create.</summary>
    [Parameter(ParameterSetName = OrphanedSet, Mandatory = true)]
    public SwitchParameter Orphaned { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName != OrphanedSet)
        {
            base.ProcessRecord();
            return;
        }
        var ops = new LibContainer.Runtime.ContainerOperations(new LibContainer.Runtime.StateStore(ModulePaths.StateRoot));
        foreach (var orphan in ops.FindOrphans())
        {
            string target = orphan.Id.Length > 0 ? $"{orphan.Path} (container {orphan.Id})" : orphan.Path;
            if (!ShouldProcess(target, $"Remove orphaned {orphan.Kind}: {orphan.Reason}")) continue;
            Try(orphan, () =>
            {
                ops.RemoveOrphan(orphan);
                WriteObject(orphan);
            });
        }
        foreach (var w in ops.Warnings) WriteWarning(w);
    }

    protected override void ProcessContainer(Container c)
    {
        if (c.State is not (ContainerState.Stopped or ContainerState.Created) && !Force)
        {
            WriteError(ErrorMapper.Make(ErrorIds.ContainerRunning, ContainerErrorKind.Running,
                $"Container '{c.Name}' is {c.State.ToString().ToLowerInvariant()}: stop it first or use -Force.", c));
            return;
        }
        if (!ShouldProcessContainer(c, "Remove container")) return;
        Lifecycle.Delete(c, force: Force || c.State == ContainerState.Created, Cancel);
    }
}
