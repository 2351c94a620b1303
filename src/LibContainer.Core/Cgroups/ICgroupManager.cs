using LibContainer.Config;
using LibContainer.Stats;

namespace LibContainer.Cgroups;

// Contract between the runtime and the cgroup drivers (v1, v2, hybrid). The `cgroups` branch implements it.

/// <summary>One container's cgroup, across every hierarchy the host has.</summary>
public interface ICgroupManager
{
    /// <summary>The cgroup path relative to the hierarchy roots, e.g. "/nsinit/web1".</summary>
    string Path { get; }

    /// <summary>Absolute directory per controller ("memory", "pids", "name=systemd", …; "unified" for the cgroup2 one).</summary>
    IReadOnlyDictionary<string, string> Paths { get; }

    /// <summary>The host layout the manager works on.</summary>
    CgroupMode Mode { get; }

    /// <summary>True when any of the container's cgroup directories exists.</summary>
    bool Exists { get; }

    /// <summary>The state root of the runtime making the cgroup: Create writes it beside the owner marker, so that a
    /// container whose state directory is lost is still found (docs/recovery.md). Null: not written.</summary>
    string? StateRoot { get; set; }

    /// <summary>Marks the directories Create made with the container's init (pid and start time), for recovery.</summary>
    void MarkInit(int pid, ulong startTime);

    /// <summary>Makes the directories; refuses (ContainerException) when the cgroup already holds processes.</summary>
    void Create();

    /// <summary>Moves a process into every hierarchy.</summary>
    void Apply(int pid);

    /// <summary>Writes the limits; a value the host cannot honour is a clear error naming controller and file.</summary>
    void Set(LinuxResources? resources);

    IReadOnlyList<int> GetPids();

    void Freeze();
    void Thaw();
    bool IsFrozen { get; }

    /// <summary>Signals every process in the cgroup (freezes around the signalling; ends thawed).</summary>
    void KillAll(int signal);

    /// <summary>Kills what is left, waits, and removes the directories it created (with retry).</summary>
    void Destroy();

    /// <summary>Reads CPU, memory, pids, block I/O and hugetlb statistics from the cgroup files.</summary>
    ContainerStats GetStats();

    /// <summary>Starts watching for OOM kills in the container's memory cgroup (v1 eventfd, v2 memory.events).</summary>
    OomWatcher WatchOom();
}

public static class CgroupManagerFactory
{
    /// <summary>Opens (does not create) the cgroup for a container on this host's layout (v1, v2 or hybrid).
    /// cgroupsPath: absolute as is, relative from the hierarchy root, empty = "/nsinit/&lt;id&gt;".
    /// systemd = true fails with a clear error when systemd is not running.</summary>
    public static ICgroupManager Open(string? cgroupsPath, string containerId, bool systemd = false)
        => Open(cgroupsPath, containerId, systemd, CgroupHost.Current);

    /// <summary>As <see cref="Open(string?, string, bool)"/> on a given host layout (tests pass temp trees).</summary>
    public static ICgroupManager Open(string? cgroupsPath, string containerId, bool systemd, CgroupHost host)
    {
        if (string.IsNullOrEmpty(containerId))
            throw new ContainerException(ContainerErrorKind.InvalidId, "container id is empty");
        var path = CgroupPlacement.Resolve(cgroupsPath, containerId, systemd, host);
        return new CgroupManager(host, path, containerId);
    }
}
