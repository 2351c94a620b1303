using System.Management.Automation;
using LibContainer.PowerShell.Runtime;
using LibContainer.Rootfs;

namespace LibContainer.PowerShell.Commands;

/// <summary>
/// Copy-ContainerItem: copies files and directories into (-ToContainer) or out of (-FromContainer) a container, as
/// Copy-Item -ToSession/-FromSession does for a remote session. The container's side is what the container sees: its
/// running init's root with its mounts, every path resolved inside it (Core's ContainerItemCopy); a stopped
/// container's side is its rootfs directory.
/// </summary>
[Cmdlet(VerbsCommon.Copy, "ContainerItem", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true)]
public sealed class CopyContainerItemCommand : SingleContainerCmdletBase
{
    [Parameter(ParameterSetName = ContainerResolver.NameSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>What to copy: host paths (wildcards allowed) with -ToContainer, container paths with -FromContainer.</summary>
    [Parameter(Mandatory = true, Position = 0)] [ValidateNotNullOrEmpty] public string[] Path { get; set; } = [];

    /// <summary>Where to: a container path with -ToContainer, a host path with -FromContainer.</summary>
    [Parameter(Mandatory = true, Position = 1)] [ValidateNotNullOrEmpty] public string Destination { get; set; } = "";

    [Parameter] public SwitchParameter ToContainer { get; set; }

    [Parameter] public SwitchParameter FromContainer { get; set; }

    [Parameter] public SwitchParameter Recurse { get; set; }

    /// <summary>Replace a destination entry of another kind (a symlink, a file where a directory goes) or a read-only file.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        if (ToContainer.IsPresent == FromContainer.IsPresent)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give the direction: -ToContainer (host -Path, container -Destination) or -FromContainer (container -Path, host -Destination)."),
                "CopyDirectionNotSpecified", ErrorCategory.InvalidArgument, null));
    }

    protected override void ProcessRecord()
    {
        foreach (var (c, error) in Resolve(Name).Take(1))
        {
            if (error is not null) WriteError(error);
            else Try(c, () => CopyAll(c!));
        }
    }

    private void CopyAll(Container c)
    {
        var sources = ToContainer ? Path.SelectMany(p => Resolved(p)).ToList() : [.. Path];
        var destination = FromContainer ? GetUnresolvedProviderPathFromPSPath(Destination) : Destination;
        var options = new ContainerItemCopy.Options(Recurse, Force, RootOwner(c), skipped => WriteWarning($"'{skipped}' is not a file, directory or symlink: not copied."));
        int root = OpenRoot(c);
        try
        {
            foreach (var source in sources)
            {
                var (from, to) = ToContainer ? (source, $"{c.Name}:{destination}") : ($"{c.Name}:{source}", destination);
                if (!ShouldProcess($"{from} → {to}", "Copy")) continue;
                Try(from, () =>
                {
                    if (ToContainer) ContainerItemCopy.CopyIn(root, source, destination, options);
                    else ContainerItemCopy.CopyOut(root, source, destination, options);
                });
            }
        }
        finally { ContainerItemCopy.Close(root); }
    }

    private IEnumerable<string> Resolved(string path)
    {
        try { return GetResolvedProviderPathFromPSPath(path, out _); }
        catch (ItemNotFoundException e)
        {
            WriteError(new ErrorRecord(e, ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, path));
            return [];
        }
    }

    /// <summary>A running (or created, or paused) container: its init's root, mounts included, checked to still be
    /// that container's init once opened. A stopped one: its rootfs.</summary>
    private static int OpenRoot(Container c)
    {
        if (c.State is ContainerState.Stopped) return ContainerItemCopy.OpenDirectory(c.Rootfs);
        if (c.State is not (ContainerState.Running or ContainerState.Created or ContainerState.Paused) || c.Pid <= 0)
            throw new ContainerException(ContainerErrorKind.NotRunning, $"Container '{c.Name}' is {c.State.ToString().ToLowerInvariant()}.", c.Id);
        int root = ContainerItemCopy.OpenInitRoot(c.Pid);
        if (ContainerCatalog.Load(c.Id, c.StateRoot) is { Pid: var pid } now && pid == c.Pid && now.State != ContainerState.Stopped) return root;
        ContainerItemCopy.Close(root);
        throw new ContainerException(ContainerErrorKind.NotRunning, $"Container '{c.Name}' stopped while the copy began.", c.Id);
    }

    /// <summary>The container's root user as the host sees it (its user namespace's mapping of 0), else 0:0.</summary>
    private static (uint, uint) RootOwner(Container c)
    {
        static uint Map(List<LibContainer.Config.IdMapping>? maps) =>
            maps?.FirstOrDefault(m => m.ContainerId == 0 && m.Size > 0) is { } m ? m.HostId : 0;
        return (Map(c.Config.Linux?.UidMappings), Map(c.Config.Linux?.GidMappings));
    }
}
