using System.Management.Automation;
using LibContainer.Config;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Export-ContainerConfig: writes a config object (or a container's config) as OCI config.json.</summary>
[Cmdlet(VerbsData.Export, "ContainerConfig", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportContainerConfigCommand : ContainerCmdletBase
{
    [Parameter(Mandatory = true, Position = 0)] [ValidateNotNullOrEmpty] public string Path { get; set; } = "";

    /// <summary>A config (Spec) or a Container, whose config is written.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)] [ValidateNotNull] public PSObject InputObject { get; set; } = null!;

    [Parameter] public SwitchParameter Force { get; set; }
    [Parameter] public SwitchParameter NoClobber { get; set; }
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var target = GetUnresolvedProviderPathFromPSPath(Path);
        if (Directory.Exists(target)) target = System.IO.Path.Combine(target, "config.json");
        Try(target, () =>
        {
            var spec = InputObject.BaseObject switch
            {
                Spec s => s,
                Container c => c.Config,
                _ => throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                    $"Cannot export a {InputObject.BaseObject.GetType().Name}: give a config from New-ContainerConfig or Import-ContainerConfig, or a container."),
            };
            if (File.Exists(target) && NoClobber)
                throw new IOException($"The file '{target}' already exists and -NoClobber was given.");
            if (!ShouldProcess(target, "Export container config")) return;
            if (File.Exists(target) && !Force && (File.GetAttributes(target) & FileAttributes.ReadOnly) != 0)
                throw new UnauthorizedAccessException($"The file '{target}' is read-only; use -Force.");
            // A new bundle directory is made, as `mkdir -p bundle` would: the usual first step of writing one.
            if (System.IO.Path.GetDirectoryName(target) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
            File.WriteAllText(target, ConfigBridge.ToJson(spec) + "\n");
            // Through the FileSystem provider, as Get-Item emits it (mode, size and time show in the table).
            if (PassThru) WriteObject(InvokeProvider.Item.Get(target), enumerateCollection: true);
        });
    }
}
