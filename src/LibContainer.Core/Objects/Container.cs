using LibContainer.Config;

namespace LibContainer;

/// <summary>A container as Get-Container and New-Container emit it: a snapshot of its state record (for the live,
/// seed-shaped handle see <see cref="Runtime.ContainerHandle"/>).</summary>
public sealed class Container
{
    public Container(string id, string name, ContainerState state, string stateRoot)
    {
        Id = id;
        Name = name;
        State = state;
        StateRoot = stateRoot;
    }

    public string Id { get; }
    public string ShortId => Id.Length > 12 ? Id[..12] : Id;
    public string Name { get; }
    public ContainerState State { get; set; }
    /// <summary>Host pid of the container's init (0 when it does not run).</summary>
    public int Pid { get; set; }
    public string Bundle { get; set; } = "";
    public string Rootfs { get; set; } = "";
    public DateTime Created { get; set; }
    public string? Hostname { get; set; }
    public string? CgroupsPath { get; set; }
    public IReadOnlyDictionary<string, string> CgroupPaths { get; set; } = new Dictionary<string, string>();
    /// <summary>The command line of the container's init process.</summary>
    public string Command { get; set; } = "";
    /// <summary>Memory limit in bytes (null: unlimited).</summary>
    public long? MemoryLimit { get; set; }
    public long? PidsLimit { get; set; }
    /// <summary>The container's addresses (CIDR) on its veth networks, as configured (empty without one).</summary>
    public IReadOnlyList<string> IPAddresses { get; set; } = [];
    /// <summary>The host ends of its veth pairs, as recorded at create.</summary>
    public IReadOnlyList<string> HostInterfaces { get; set; } = [];
    /// <summary>The state root (nsinit --root) the container lives in.</summary>
    public string StateRoot { get; }
    /// <summary>Removed by the cmdlet that sees it stop: Invoke-ContainerProcess that started it (after its command),
    /// Wait-Container (after reading its exit code), Stop-Container.</summary>
    public bool AutoRemove { get; set; }
    /// <summary>True when the module wrote the bundle and owns its directory (removed with the container).</summary>
    public bool ManagedBundle { get; set; }
    public Spec Config { get; set; } = new();
    /// <summary>The init's seccomp mode as the kernel reports it: "filter" when a filter is active, "disabled";
    /// null when the init does not run.</summary>
    public string? Seccomp { get; set; }
    /// <summary>Once a supervised container has stopped: its init's exit status, 128+N when signal N killed it
    /// (null while it runs, or when unknown: a container not created by the module or already removed).</summary>
    public int? ExitCode { get; set; }
    /// <summary>The signal that killed the init, e.g. SIGKILL (null when it exited by itself or is not known).</summary>
    public string? ExitSignal { get; set; }
    /// <summary>When the init ended (UTC), if known.</summary>
    public DateTime? FinishedAt { get; set; }

    public override string ToString() => Name;
}
