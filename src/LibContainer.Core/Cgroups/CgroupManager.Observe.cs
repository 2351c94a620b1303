using LibContainer.Stats;

namespace LibContainer.Cgroups;

// Stats and OOM notification.
internal sealed partial class CgroupManager
{
    public ContainerStats GetStats()
    {
        if (!Exists)
            throw new ContainerException(ContainerErrorKind.NotFound, $"cgroup {Path} does not exist", ContainerId);
        return CgroupStatsReader.Read(this);
    }

    public OomWatcher WatchOom()
    {
        if (V1Dir("memory") is { } v1) return new OomWatcher(v1, v2: false, ContainerId);
        if (UnifiedDir is { } v2 && Host.V2Has("memory")) return new OomWatcher(v2, v2: true, ContainerId);
        throw Missing("memory", "memory", "no v1 memory hierarchy is mounted and cgroup2 does not offer it; OOM events cannot be watched");
    }

    /// <summary>An OOM watcher on a cgroup2 directory's memory.events, whatever the host layout (tests, pure v2).</summary>
    internal static OomWatcher WatchOomV2(string dir, string? containerId) => new(dir, v2: true, containerId);
}
