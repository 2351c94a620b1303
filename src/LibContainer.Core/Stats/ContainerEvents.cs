using LibContainer.Cgroups;

namespace LibContainer.Stats;

/// <summary>`runc events` on the caller's thread (nsinit starts no threads): stats every interval, one "oom" event per kill.</summary>
public static class ContainerEvents
{
    /// <summary>
    /// Streams until the cgroup is gone or <paramref name="write"/> returns false. <paramref name="addNetwork"/> may
    /// fill <see cref="ContainerStats.Network"/> before each stats event. Without a memory controller only stats flow.
    /// </summary>
    public static void Stream(ICgroupManager cgroup, string id, TimeSpan interval, Func<RuncEvent, bool> write,
        Action<ContainerStats>? addNetwork = null)
    {
        if (interval <= TimeSpan.Zero)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, "the events interval must be positive", id);
        OomWatcher? watcher = null;
        try { watcher = cgroup.WatchOom(); }
        catch (ContainerException) { }
        try
        {
            var next = DateTime.UtcNow;
            while (cgroup.Exists)
            {
                if (DateTime.UtcNow >= next)
                {
                    ContainerStats stats;
                    try { stats = cgroup.GetStats(); }
                    catch (ContainerException e) when (e.Kind == ContainerErrorKind.NotFound) { return; }
                    addNetwork?.Invoke(stats);
                    if (!write(RuncEvents.FromStats(id, stats))) return;
                    next = DateTime.UtcNow + interval;
                }
                var wait = next - DateTime.UtcNow;
                if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
                if (watcher is null) { Thread.Sleep(wait); continue; }
                foreach (var _ in watcher.WaitNext(wait))
                    if (!write(RuncEvents.Oom(id))) return;
            }
        }
        finally
        {
            watcher?.Dispose();
        }
    }
}
