using System.Runtime.InteropServices;
using LibContainer.Interop;

namespace LibContainer.Cgroups;

/// <summary>One OOM kill in a container's memory cgroup.</summary>
public sealed class OomEventArgs : EventArgs
{
    public OomEventArgs(string? containerId, ulong oomKillCount, DateTime timestamp)
    {
        ContainerId = containerId;
        OomKillCount = oomKillCount;
        Timestamp = timestamp;
    }

    public string? ContainerId { get; }
    /// <summary>The cgroup's OOM kill counter after this kill (1 for the first kill since the watch began counting).</summary>
    public ulong OomKillCount { get; }
    public DateTime Timestamp { get; }
}

/// <summary>
/// Reports OOM kills in a memory cgroup: v1 through an eventfd registered in cgroup.event_control for memory.oom_control,
/// v2 through inotify on memory.events. The count comes from the oom_kill counter, so each kill is one event.
/// Two ways to use it: the <see cref="OomKilled"/> event (a background thread starts on the first subscriber; for .NET and
/// PowerShell's Register-ObjectEvent), or <see cref="WaitNext"/> on the caller's thread (for nsinit, which starts no threads).
/// </summary>
public sealed class OomWatcher : IDisposable
{
    private readonly string _memoryDir;
    private readonly bool _v2;
    private readonly int _notifyFd;       // eventfd (v1) or inotify fd (v2)
    private readonly int _stopFd;         // eventfd written by Dispose to wake the waiting thread
    private readonly int _controlFd = -1; // v1: memory.oom_control kept open while registered
    private readonly object _gate = new();
    private ulong _lastCount;
    private Thread? _thread;
    private EventHandler<OomEventArgs>? _handlers;
    private volatile bool _disposed;

    internal OomWatcher(string memoryDir, bool v2, string? containerId)
    {
        _memoryDir = memoryDir;
        _v2 = v2;
        ContainerId = containerId;
        if (!Directory.Exists(memoryDir))
            throw new ContainerException(ContainerErrorKind.NotFound, $"memory cgroup {memoryDir} does not exist", containerId);
        _stopFd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (_stopFd < 0) throw SyscallException.FromLastError("eventfd");
        try
        {
            if (v2)
            {
                _notifyFd = CgroupNative.InotifyInit1(CgroupNative.IN_CLOEXEC | CgroupNative.IN_NONBLOCK);
                if (_notifyFd < 0) throw SyscallException.FromLastError("inotify_init1");
                var events = Path.Combine(memoryDir, "memory.events");
                if (CgroupNative.InotifyAddWatch(_notifyFd, events, CgroupNative.IN_MODIFY) < 0)
                    throw SyscallException.FromLastError("inotify_add_watch", events);
            }
            else
            {
                _notifyFd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
                if (_notifyFd < 0) throw SyscallException.FromLastError("eventfd");
                var control = Path.Combine(memoryDir, "memory.oom_control");
                _controlFd = RuntimeSys.TryOpen(control, LibC.O_RDONLY | LibC.O_CLOEXEC);
                if (_controlFd < 0) throw SyscallException.FromLastError("open", control);
                CgroupFile.Write(Path.Combine(memoryDir, "cgroup.event_control"), $"{_notifyFd} {_controlFd}");
            }
        }
        catch
        {
            CloseFds();
            throw;
        }
        _lastCount = ReadCount();
    }

    public string? ContainerId { get; }

    /// <summary>The cgroup's current OOM kill counter.</summary>
    public ulong OomKillCount => ReadCount();

    /// <summary>Raised on a background thread, once per OOM kill. The first subscriber starts the watch thread.</summary>
    public event EventHandler<OomEventArgs>? OomKilled
    {
        add
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _handlers += value;
                if (_thread is null)
                {
                    _thread = new Thread(Run) { IsBackground = true, Name = "OomWatcher " + ContainerId };
                    _thread.Start();
                }
            }
        }
        remove { lock (_gate) _handlers -= value; }
    }

    /// <summary>
    /// Blocks the calling thread until at least one OOM kill happens or the timeout passes; returns one entry per kill
    /// (empty on timeout, on Dispose, or when the cgroup went away). Do not mix with <see cref="OomKilled"/>.
    /// </summary>
    public unsafe IReadOnlyList<OomEventArgs> WaitNext(TimeSpan timeout)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        var fds = stackalloc PollFd[2];
        while (!_disposed)
        {
            var found = TakeNewKills();
            if (found.Count > 0) return found;
            if (!Directory.Exists(_memoryDir)) return found;
            var left = deadline == DateTime.MaxValue ? 1000 : (int)Math.Clamp((deadline - DateTime.UtcNow).TotalMilliseconds, 0, 1000);
            if (left == 0 && DateTime.UtcNow >= deadline) return found;
            fds[0] = new PollFd { Fd = _notifyFd, Events = LibC.POLLIN };
            fds[1] = new PollFd { Fd = _stopFd, Events = LibC.POLLIN };
            // A bounded poll also catches kills whose notification raced with our read of the counter.
            int r = Libc.poll(fds, 2, left);
            if (r < 0 && Marshal.GetLastPInvokeError() != Errno.EINTR) throw SyscallException.FromLastError("poll");
            if (r > 0 && (fds[1].Revents & LibC.POLLIN) != 0) return Array.Empty<OomEventArgs>();
            if (r > 0 && (fds[0].Revents & LibC.POLLIN) != 0)
            {
                Drain(_notifyFd);
                // v1 notifies when the cgroup is under OOM; the kill itself (and its counter) may follow shortly.
                for (int i = 0; i < 20 && !_disposed; i++)
                {
                    found = TakeNewKills();
                    if (found.Count > 0) return found;
                    Thread.Sleep(10);
                }
            }
        }
        return Array.Empty<OomEventArgs>();
    }

    private List<OomEventArgs> TakeNewKills()
    {
        var list = new List<OomEventArgs>();
        var now = ReadCount();
        lock (_gate)
        {
            var now2 = DateTime.UtcNow;
            for (ulong c = _lastCount + 1; c <= now; c++) list.Add(new OomEventArgs(ContainerId, c, now2));
            if (now > _lastCount) _lastCount = now;
        }
        return list;
    }

    private ulong ReadCount()
    {
        try
        {
            var file = _v2 ? "memory.events" : "memory.oom_control";
            return CgroupFile.ReadKeyValues(Path.Combine(_memoryDir, file)).GetValueOrDefault("oom_kill");
        }
        catch (SyscallException) { return _lastCount; }
    }

    private void Run()
    {
        while (!_disposed)
        {
            IReadOnlyList<OomEventArgs> events;
            try { events = WaitNext(TimeSpan.FromSeconds(1)); }
            catch (SyscallException) { return; }
            foreach (var e in events) _handlers?.Invoke(this, e);
            if (events.Count == 0 && !Directory.Exists(_memoryDir)) return;
        }
    }

    private static unsafe void Drain(int fd)
    {
        var buf = stackalloc byte[4096];
        while (LibC.read(fd, buf, 4096) > 0) { }
    }

    private static unsafe void Signal(int fd)
    {
        ulong one = 1;
        LibC.write(fd, (byte*)&one, 8);
    }

    public void Dispose()
    {
        Thread? t;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            t = _thread;
        }
        Signal(_stopFd);
        if (t is not null && t != Thread.CurrentThread) t.Join(TimeSpan.FromSeconds(5));
        CloseFds();
    }

    private void CloseFds()
    {
        if (_notifyFd > 0) LibC.close(_notifyFd);
        if (_controlFd > 0) LibC.close(_controlFd);
        if (_stopFd > 0) LibC.close(_stopFd);
    }
}
