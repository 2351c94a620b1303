using LibContainer.Config;
using LibContainer.Runtime.Launch;

namespace LibContainer.Runtime;

/// <summary>The seed's factory, for .NET programs and the PowerShell module: creates and loads containers under a
/// state root. Safe in JIT hosts: creating/joining namespaces runs the nsinit binary; state is read in-process.</summary>
public sealed class ContainerFactory
{
    public ContainerFactory(string? root = null, string? nsinitPath = null, CgroupDriver cgroups = CgroupDriver.Cgroupfs)
    {
        Store = new StateStore(root);
        Cgroups = cgroups;
        _nsinitPath = nsinitPath;
    }

    private readonly string? _nsinitPath;
    private NsinitProcess? _nsinit;

    public StateStore Store { get; }
    public string Root => Store.Root;
    public CgroupDriver Cgroups { get; }
    /// <summary>Create containers with `nsinit create --supervise` (default), so <see cref="ContainerHandle.ExitStatus"/> is known.</summary>
    public bool Supervise { get; init; } = true;
    public ContainerOperations Operations => new(Store, Cgroups);
    internal NsinitProcess Nsinit => _nsinit ??= new NsinitProcess(_nsinitPath);

    /// <summary>Global flags for every nsinit call of this factory.</summary>
    internal List<string> GlobalArgs => new()
    {
        "--root", Root, "--cgroup-manager", Cgroups switch { CgroupDriver.Disabled => "disabled", CgroupDriver.Systemd => "systemd", _ => "cgroupfs" },
    };

    /// <summary>Creates a container (state "created") from a config; its bundle is written to &lt;root&gt;/.bundles/&lt;id&gt;.
    /// root.path must be absolute.</summary>
    public ContainerHandle Create(string id, Spec spec)
    {
        StateStore.ValidateId(id);
        if (spec.Root is null || !Path.IsPathRooted(spec.Root.Path))
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, "root.path must be an absolute path", id);
        string bundle = Path.Combine(Root, ".bundles", id);
        Directory.CreateDirectory(bundle);
        File.WriteAllText(Path.Combine(bundle, "config.json"), ConfigLoader.ToJson(spec));
        try { return Create(id, bundle); }
        catch { Directory.Delete(bundle, recursive: true); throw; }
    }

    /// <summary>Creates a container from an OCI bundle directory (config.json or a seed container.json).</summary>
    public ContainerHandle Create(string id, string bundleDir, string? consoleSocket = null)
    {
        StateStore.ValidateId(id);
        var args = GlobalArgs;
        args.AddRange(new[] { "create", "--bundle", Path.GetFullPath(bundleDir) });
        if (Supervise) args.Add("--supervise");
        if (consoleSocket is not null) args.AddRange(new[] { "--console-socket", consoleSocket });
        args.Add(id);
        Nsinit.Run(args, id: id, startsContainer: true);
        return Load(id);
    }

    public ContainerHandle Load(string id) => new(this, Store.Load(id));

    public IReadOnlyList<ContainerHandle> List()
        => Store.Ids().Select(id => Store.TryLoad(id)).OfType<ContainerStateRecord>().Select(r => new ContainerHandle(this, r)).ToList();
}
