using System.Management.Automation;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using LibContainer.Config;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>
/// New-Container: writes a bundle under the module's bundle root and runs `nsinit create`. The container waits,
/// created, until Start-Container or Invoke-ContainerProcess starts it.
/// </summary>
[Cmdlet(VerbsCommon.New, "Container", DefaultParameterSetName = RootfsSet, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed partial class NewContainerCommand : ContainerSpecCmdletBase
{
    private const string RootfsSet = "Rootfs", ConfigSet = "Config";

    /// <summary>An idle init that costs nothing while idle and ends at once on SIGTERM: one sleep that never ends in
    /// the background, and `wait`, which a trapped signal interrupts (pid 1 ignores signals it has no handler for).
    /// No loop: when the sleep cannot run (the rootfs changed under the container) or is killed, init ends.</summary>
    internal static readonly string[] IdleCommand =
        ["/bin/sh", "-c", "trap 'kill $! 2>/dev/null; exit 0' TERM INT HUP; sleep 2147483647 & wait"];

    // Not Mandatory, so that a piped config object reaches -Config (see ContainerTargetCmdletBase.Name).
    [Parameter(ParameterSetName = RootfsSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ConfigSet)]
    [Alias("RootfsPath")]
    [ValidateNotNullOrEmpty]
    public string Rootfs { get; set; } = "";

    /// <summary>A config object (New-ContainerConfig, Import-ContainerConfig) or the path of a config.json / container.json.</summary>
    [Parameter(ParameterSetName = ConfigSet, Mandatory = true, ValueFromPipeline = true)]
    [ConfigTransformation]
    [ValidateNotNull]
    public Spec Config { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>Remove the container once it stops. Default: on for a container without -Name (nobody can refer to
    /// it again, so the one-liner leaves nothing), off for a named one.</summary>
    [Parameter] public SwitchParameter AutoRemove { get; set; }

    /// <summary>The cgroup the container's cgroup is made under (its cgroupsPath becomes PARENT/ID).</summary>
    [Parameter] [ValidatePattern(@"^/?[A-Za-z0-9_.@/-]+$")] public string CgroupParent { get; set; } = "";

    /// <summary>Default (the engines' default list), the path of a profile or config.json, or a LinuxSeccomp object.</summary>
    [Parameter]
    [ValidateNotNull]
    public object SeccompProfile { get; set; } = null!;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == RootfsSet && Rootfs.Length == 0)
            ThrowTerminatingError(ErrorMapper.Make(ErrorIds.RootfsNotFound, ContainerErrorKind.ConfigInvalid,
                "Give the container's root file system with -Rootfs, or a config with -Config.", null));
        var name = Bound(nameof(Name)) ? Name : "";
        Try(name.Length > 0 ? name : Rootfs, () =>
        {
            var spec = BuildSpec();
            if (BridgeEntry is not null && !ModulePaths.IsRoot)
                throw new NetworkParameterException(ErrorIds.InvalidNetworkParameter, ErrorCategory.PermissionDenied, nameof(Network),
                    "-Network Bridge is root-only: the veth's host side needs CAP_NET_ADMIN in the host's network namespace.",
                    "Run as root, or use -Network Loopback (the default: a private network namespace with lo) or -Network None.");
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            var autoRemove = Bound(nameof(AutoRemove)) ? AutoRemove.IsPresent : name.Length == 0;
            if (name.Length == 0) name = "c-" + id[..8];
            if (!ValidName().IsMatch(name))
                throw new ContainerException(ContainerErrorKind.InvalidId,
                    $"'{name}' is not a valid container name: use letters, digits, '_', '-' and '.', starting with a letter or digit.");
            (spec.Annotations ??= [])[ModulePaths.NameAnnotation] = name;
            if (Bound(nameof(CgroupParent))) (spec.Linux ??= new Linux()).CgroupsPath = "/" + CgroupParent.Trim('/') + "/" + id;
            if (autoRemove) spec.Annotations[ModulePaths.AutoRemoveAnnotation] = "true";
            // Every hostname "nsinit" otherwise: the container's own name, as docker and podman do.
            if (!Bound(nameof(Hostname)) && (ParameterSetName == RootfsSet || spec.Hostname is null)
                && spec.Linux?.Namespaces?.Any(n => n.Type == "uts") == true) spec.Hostname = name.Length > 63 ? name[..63] : name;
            var errors = ConfigBridge.Validate(spec);
            if (errors.Count > 0) throw new ConfigException(errors);
            if (ContainerCatalog.List().Any(c => c.Name == name)) throw NameInUse(name);
            if (!ShouldProcess($"{name} (rootfs {spec.Root!.Path})", "Create container")) return;
            using var nameLock = NameLock.Acquire(ModulePaths.StateRoot, Cancel);
            var containers = ContainerCatalog.List().ToList();
            if (containers.Any(c => c.Name == name)) throw NameInUse(name); // again, under the lock
            if (BridgeEntry is { } veth) AssignAddress(spec, veth, containers); // under the lock: no two get one address
            RemoveOrphanBundles(containers);
            WriteObject(Create(spec, id, name));
        });
    }

    private void AssignAddress(Spec spec, NetworkConfig veth, List<Container> containers)
    {
        if (BridgeNetwork.AssignAddress(veth, BridgeNetwork.AddressesInUse(containers, veth.Bridge!)))
            BridgeNetwork.Apply(spec, veth);
        else
            WriteWarning($"The container's eth0 on bridge '{veth.Bridge}' gets no IPv4 address: give -IPAddress, or -BridgeAddress so that one is picked.");
    }

    /// <summary>Bundles the module wrote whose container is gone (removed by nsinit directly, or a crash between the
    /// two deletes). Old ones only: a bundle younger than a minute may be a create in flight.</summary>
    private static void RemoveOrphanBundles(List<Container> containers)
    {
        if (!Directory.Exists(ModulePaths.BundleRoot)) return;
        var live = containers.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories(ModulePaths.BundleRoot))
        {
            if (live.Contains(Path.GetFileName(dir)) || Directory.Exists(Path.Combine(ModulePaths.StateRoot, Path.GetFileName(dir)))) continue;
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) < TimeSpan.FromMinutes(1)) continue;
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static ContainerException NameInUse(string name) =>
        new(ContainerErrorKind.IdInUse, $"The name '{name}' is already used by a container.");

    private Spec BuildSpec()
    {
        Spec spec;
        if (ParameterSetName == ConfigSet)
        {
            spec = ConfigBridge.Clone(Config);
            ApplySettings(spec, applyNetworkDefault: false);
        }
        else
        {
            spec = ConfigBridge.Defaults(rootless: !ModulePaths.IsRoot); // a user other than root gets a rootless container
            spec.Process!.Args = [.. IdleCommand];
            spec.Process.Terminal = false;
            spec.Root!.Readonly = false;
            ApplySettings(spec, applyNetworkDefault: true);
        }
        spec.Root ??= new Root();
        if (Bound(nameof(Rootfs))) spec.Root.Path = GetUnresolvedProviderPathFromPSPath(Rootfs);
        if (!Directory.Exists(spec.Root.Path))
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"The rootfs '{spec.Root.Path}' is not a directory.");
        spec.Root.Path = Path.GetFullPath(spec.Root.Path);
        if (spec.Process is { } p) p.Terminal = false; // a detached init has no terminal to hand over
        if (Bound(nameof(SeccompProfile)))
            (spec.Linux ??= new Linux()).Seccomp = (SeccompProfile is PSObject ps ? ps.BaseObject : SeccompProfile) switch
            {
                LinuxSeccomp profile => profile,
                string nameOrPath => Security.Seccomp.SeccompProfiles.Resolve(nameOrPath.Equals(Security.Seccomp.SeccompProfiles.DefaultName, StringComparison.OrdinalIgnoreCase)
                    ? nameOrPath : GetUnresolvedProviderPathFromPSPath(nameOrPath)),
                var other => throw new ArgumentException($"-SeccompProfile takes Default, a path or a LinuxSeccomp object, not {other.GetType().Name}."),
            };
        return spec;
    }

    private Container Create(Spec spec, string id, string name)
    {
        var bundle = Path.Combine(ModulePaths.BundleRoot, id);
        Directory.CreateDirectory(bundle);
        try
        {
            File.WriteAllText(Path.Combine(bundle, "config.json"), ConfigBridge.ToJson(spec));
            NsinitDetached.CreateSupervised(ModulePaths.StateRoot, bundle, id, Path.Combine(bundle, "console.log"), Cancel);
        }
        catch
        {
            Directory.Delete(bundle, recursive: true);
            throw;
        }
        return ContainerCatalog.Load(id) ?? throw new ContainerException(ContainerErrorKind.InitFailed,
            $"nsinit create returned but container '{name}' ({id}) has no state in {ModulePaths.StateRoot}.", id);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex ValidName();
}
