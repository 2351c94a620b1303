using LibContainer.Config;

namespace LibContainer.Cgroups;

// Contract between the runtime and the cgroup drivers (v1, v2, hybrid). The `cgroups` branch implements it.

/// <summary>One container's cgroup, across every hierarchy the host has.</summary>
public interface ICgroupManager
{
    /// <summary>The cgroup path relative to the hierarchy roots, e.g. "/nsinit/web1".</summary>
    string Path { get; }

    /// <summary>Absolute directory per controller ("memory", "pids", …, "unified" / "" for v2).</summary>
    IReadOnlyDictionary<string, string> Paths { get; }

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

    /// <summary>Signals every process in the cgroup (thawing first when frozen).</summary>
    void KillAll(int signal);

    /// <summary>Kills what is left, waits, and removes the directories it created (with retry).</summary>
    void Destroy();
}

public static class CgroupManagerFactory
{
    /// <summary>Opens (does not create) the cgroup for a container on this host's layout (v1, v2 or hybrid).
    /// cgroupsPath: absolute as is, relative from the hierarchy root, empty = "/nsinit/&lt;id&gt;".
    /// systemd = true fails with a clear error when systemd is not running.</summary>
    public static ICgroupManager Open(string? cgroupsPath, string containerId, bool systemd = false)
        => throw new NotImplementedException();
}
