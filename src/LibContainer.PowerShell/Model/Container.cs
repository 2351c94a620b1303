using LibContainer.Config;

namespace LibContainer.PowerShell;

/// <summary>A container as Get-Container and New-Container emit it: a snapshot of its state record.</summary>
public sealed class Container
{
    internal Container(string id, string name, ContainerState state, string stateRoot)
    {
        Id = id;
        Name = name;
        State = state;
        StateRoot = stateRoot;
    }

    public string Id { get; }
    public string ShortId => Id.Length > 12 ? Id[..12] : Id;
    public string Name { get; }
    public ContainerState State { get; internal set; }
    /// <summary>Host pid of the container's init (0 when it does not run).</summary>
    public int Pid { get; internal set; }
    public string Bundle { get; internal set; } = "";
    public string Rootfs { get; internal set; } = "";
    public DateTime Created { get; internal set; }
    public string? Hostname { get; internal set; }
    public string? CgroupsPath { get; internal set; }
    public IReadOnlyDictionary<string, string> CgroupPaths { get; internal set; } = new Dictionary<string, string>();
    /// <summary>The command line of the container's init process.</summary>
    public string Command { get; internal set; } = "";
    /// <summary>Memory limit in bytes (null: unlimited).</summary>
    public long? MemoryLimit { get; internal set; }
    public long? PidsLimit { get; internal set; }
    /// <summary>The state root (nsinit --root) the container lives in.</summary>
    public string StateRoot { get; }
    /// <summary>True when the module wrote the bundle and owns its directory (removed with the container).</summary>
    public bool ManagedBundle { get; internal set; }
    public Spec Config { get; internal set; } = new();

    public override string ToString() => Name;
}
