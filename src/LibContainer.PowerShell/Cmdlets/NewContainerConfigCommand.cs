using System.Management.Automation;
using LibContainer.Config;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>New-ContainerConfig: a config (OCI Spec) from the safe defaults plus the common settings.</summary>
[Cmdlet(VerbsCommon.New, "ContainerConfig")]
[OutputType(typeof(Spec))]
public sealed class NewContainerConfigCommand : ContainerSpecCmdletBase
{
    /// <summary>root.path of the config (relative paths are resolved against the bundle when it runs).</summary>
    [Parameter(Position = 0)] [ValidateNotNullOrEmpty] public string Rootfs { get; set; } = "rootfs";

    [Parameter] public SwitchParameter Rootless { get; set; }

    protected override void EndProcessing()
    {
        Try(null, () =>
        {
            var spec = ConfigBridge.Defaults(Rootless.IsPresent);
            spec.Root ??= new Root();
            spec.Root.Path = Rootfs;
            ApplySettings(spec, applyNetworkDefault: Bound(nameof(Network)));
            WriteObject(spec);
        }, ErrorIds.ConfigInvalid);
        base.EndProcessing();
    }
}
