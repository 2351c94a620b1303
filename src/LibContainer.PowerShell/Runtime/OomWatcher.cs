namespace LibContainer.PowerShell;

using LibContainer.PowerShell.Runtime;

/// <summary>
/// Raises <see cref="OomKilled"/> once per OOM kill in a container's memory cgroup, by watching the oom_kill
/// counter (v1 memory.oom_control, v2 memory.events). Stops when the cgroup goes away or nobody listens.
/// (Stand-in until Core's OomWatcher is on main.)
/// </summary>
public sealed class ContainerOomWatcher : IDisposable
{
    private readonly CgroupFiles _cgroup;
    private readonly Timer _timer;
    private ulong _seen;
    private int _busy;

    internal ContainerOomWatcher(Container container, TimeSpan interval)
    {
        Container = container;
        _cgroup = CgroupFiles.For(container);
        if (!_cgroup.Any)
            throw new ContainerException(ContainerErrorKind.NotRunning, $"Container '{container.Name}' has no cgroup to watch.", container.Id);
        _seen = StatsReader.OomKills(_cgroup);
        _timer = new Timer(_ => Poll(), null, interval, interval);
    }

    public Container Container { get; }

    public event EventHandler<ContainerOomEventArgs>? OomKilled;

    private void Poll()
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1) return;
        try
        {
            if (!_cgroup.Directories.Any(Directory.Exists)) { Dispose(); return; }
            var now = StatsReader.OomKills(_cgroup);
            // one event per kill, even when several happened between two polls
            for (; _seen < now; _seen++)
                OomKilled?.Invoke(this, new ContainerOomEventArgs(Container.Name, Container.Id, _seen + 1, DateTime.Now));
        }
        catch (IOException) { }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
