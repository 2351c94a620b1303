namespace LibContainer.PowerShell;

using LibContainer.Cgroups;
using LibContainer.PowerShell.Runtime;

/// <summary>
/// The event source of Register-ContainerOomEvent: Core's OomWatcher on the container's memory cgroup (v1 eventfd,
/// v2 memory.events), re-raised with the container's name. One event per OOM kill.
/// </summary>
public sealed class ContainerOomWatcher : IDisposable
{
    private readonly OomWatcher _watcher;

    internal ContainerOomWatcher(Container container)
    {
        Container = container;
        _watcher = Lifecycle.Cgroup(container).WatchOom();
        _watcher.OomKilled += (_, e) =>
            OomKilled?.Invoke(this, new ContainerOomEventArgs(container.Name, container.Id, e.OomKillCount, e.Timestamp));
    }

    public Container Container { get; }

    public event EventHandler<ContainerOomEventArgs>? OomKilled;

    public void Dispose() => _watcher.Dispose();
}
