using LibContainer.Cgroups;
using LibContainer.Config;
using LibContainer.Interop;
using LibContainer.Runtime.Launch;
using LibContainer.Runtime.Trace;
using LibContainer.Security;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Runtime;

/// <summary>The lifecycle operations that never fork (safe in any host, JIT included): start, state, kill, delete, list.
/// `create` and `exec` need the NativeAOT nsinit.</summary>
public sealed unsafe partial class ContainerOperations
{
    public ContainerOperations(StateStore store, CgroupDriver cgroups = CgroupDriver.Cgroupfs)
    {
        Store = store;
        Cgroups = cgroups;
    }

    public StateStore Store { get; }
    public CgroupDriver Cgroups { get; }

    /// <summary>Warnings of non-fatal failures (poststart/poststop hooks), for the caller to log.</summary>
    public List<string> Warnings { get; } = new();

    public ContainerState Status(ContainerStateRecord record) => ContainerStatusProbe.Status(record, Store);

    public ContainerStateJson State(string id)
    {
        var record = Store.Load(id);
        var status = Status(record);
        return new ContainerStateJson
        {
            Id = id, Status = status.ToOci(), Pid = status == ContainerState.Stopped ? 0 : record.Pid,
            Bundle = record.Bundle, Annotations = record.ConfigAnnotations,
        };
    }

    /// <summary>Releases a created container: opens the exec fifo (init, blocked on it, then execs the process).</summary>
    /// <param name="known">The record this process holds already (`run` just created it): state.json is not read again.</param>
    public void Start(string id, ContainerStateRecord? known = null)
    {
        using (Store.Lock(id))
        {
            var record = known ?? Store.Load(id);
            var status = Status(record);
            if (status != ContainerState.Created)
                throw new ContainerException(status == ContainerState.Stopped ? ContainerErrorKind.NotRunning : ContainerErrorKind.Running,
                    status == ContainerState.Stopped ? "cannot start a container that has stopped" : $"cannot start a container in the {status.ToOci()} state", id);
            PhaseTrace.Mark("release-exec-fifo");
            ReleaseExecFifo(record);
            record.Status = ContainerState.Running;
            Store.Save(record);
            PhaseTrace.Mark("poststart-hooks");
            RunHooksWarnOnly("poststart", record.ConfigHooks?.Poststart, StateOf(record, ContainerState.Running));
        }
    }

    private void ReleaseExecFifo(ContainerStateRecord record)
    {
        string fifo = Store.ExecFifoPath(record.Id);
        int fd = RuntimeSys.Open(fifo, LibC.O_RDONLY | LibC.O_NONBLOCK);
        int pidfd = PidfdOpen(record.Pid);
        try
        {
            var fds = stackalloc PollFd[2];
            fds[0] = new PollFd { Fd = fd, Events = LibC.POLLIN };
            fds[1] = new PollFd { Fd = pidfd, Events = LibC.POLLIN };
            while (true)
            {
                int rc = poll(fds, pidfd >= 0 ? 2u : 1u, -1);
                if (rc < 0 && RuntimeSys.Errno == LibContainer.Errno.EINTR) continue;
                if (rc < 0) throw SyscallException.FromLastError("poll", fifo);
                if (fds[0].Revents != 0)
                {
                    byte b;
                    if (LibC.read(fd, &b, 1) == 1) break;
                }
                if (fds[1].Revents != 0)
                    throw new ContainerException(ContainerErrorKind.NotRunning, "container init exited before start", record.Id);
            }
            File.Delete(fifo);
        }
        finally
        {
            RuntimeSys.Close(fd);
            RuntimeSys.Close(pidfd);
        }
    }

    /// <summary>Signals init, or with <paramref name="all"/> every process of the container's cgroup. As in runc, a
    /// stopped container is an error without <paramref name="all"/> ("container not running", the words containerd's
    /// shim knows) and a success with it: what is left in its cgroup still gets the signal (engines stop with --all).</summary>
    public void Kill(string id, int signal, bool all = false)
    {
        var record = Store.Load(id);
        var status = Status(record);
        bool cgroupKill = all && record.CgroupsPath is not null && Cgroups != CgroupDriver.Disabled;
        if (status == ContainerState.Stopped)
        {
            if (!all) throw new ContainerException(ContainerErrorKind.NotRunning, $"container {id}: container not running", id);
            if (cgroupKill && OpenCgroup(record) is { Exists: true } left) left.KillAll(signal);
            return;
        }
        if (status == ContainerState.Paused && SignalPaused(record, signal, all)) return;
        if (cgroupKill)
        {
            OpenCgroup(record).KillAll(signal);
            return;
        }
        RuntimeSys.Check(LibC.kill(record.Pid, signal), "kill", record.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <param name="known">The record this process holds already (`run`): state.json is not read again.</param>
    public void Delete(string id, bool force = false, ContainerStateRecord? known = null)
    {
        StateStore.ValidateId(id);
        if (!Directory.Exists(Store.DirOf(id)))
        {
            if (force) { RemoveRecovered(id); return; } // the state directory is lost: the cgroup markers say what is left
            throw StateStore.NotFound(id);
        }
        using (Store.Lock(id))
        {
            ContainerStateRecord? record;
            try { record = known ?? Store.TryLoad(id); }
            catch (ContainerException) when (force) { record = null; } // state.json unreadable
            if (record is null)
            {
                if (force) RemoveRecovered(id);
                Store.Remove(id);
                return;
            }
            var status = Status(record);
            if (status is ContainerState.Running or ContainerState.Paused && !force)
                throw new ContainerException(ContainerErrorKind.Running, $"cannot delete container {id} that is not stopped: {status.ToOci()}", id);
            PhaseTrace.Mark("delete-kill");
            ICgroupManager? cgroup = record.CgroupsPath is not null && Cgroups != CgroupDriver.Disabled ? OpenCgroup(record) : null;
            if (record.ConfigNetDevices is { Count: > 0 } devices)
            {
                // Back while init's network namespace still exists (a virtual device dies with it).
                if (status != ContainerState.Stopped) LibContainer.Network.NetDeviceMove.ReturnToRuntime(devices, record.Pid, Warnings);
                else Warnings.Add($"net devices {string.Join(", ", devices.Keys)} not returned: the container's network namespace ended with it");
            }
            if (status != ContainerState.Stopped)
            {
                if (status == ContainerState.Paused) cgroup?.Thaw();
                KillAndWait(record.Pid);
            }
            PhaseTrace.Mark("delete-network");
            ContainerNetwork.TearDown(record, Warnings);
            PhaseTrace.Mark("delete-cgroup");
            cgroup?.Destroy();
            RunHooksWarnOnly("poststop", record.ConfigHooks?.Poststop, StateOf(record, ContainerState.Stopped));
            PhaseTrace.Mark("delete-state");
            Store.Remove(id);
        }
    }

    /// <param name="startTime">When not 0, the process is signalled only if it still is the one that started then.</param>
    private static void KillAndWait(int pid, ulong startTime = 0)
    {
        int pidfd = PidfdOpen(pid);
        if (pidfd < 0) return;
        try
        {
            if (startTime != 0 && !ContainerStatusProbe.IsAlive(pid, startTime, "/proc")) return; // the pid was reused
            PidfdSendSignal(pidfd, LibC.SIGKILL);
            var fd = new PollFd { Fd = pidfd, Events = LibC.POLLIN };
            poll(&fd, 1, 10000);
            SigInfo info;
            waitid(P_PIDFD, pidfd, &info, WEXITED | WNOHANG); // reaps it when it is ours
        }
        finally { RuntimeSys.Close(pidfd); }
    }

    /// <summary>Freezes every process of a running container (cgroup freezer).</summary>
    public void Pause(string id) => SetFrozen(id, true);

    public void Resume(string id) => SetFrozen(id, false);

    private void SetFrozen(string id, bool freeze)
    {
        using (Store.Lock(id))
        {
            var record = Store.Load(id);
            var status = Status(record);
            var need = freeze ? ContainerState.Running : ContainerState.Paused;
            if (status != need)
                throw new ContainerException(status == ContainerState.Stopped ? ContainerErrorKind.NotRunning : ContainerErrorKind.SystemError,
                    $"container {id} is {status.ToOci()}, not {need.ToOci()}", id);
            if (record.CgroupsPath is null || Cgroups == CgroupDriver.Disabled)
                throw new ContainerException(ContainerErrorKind.SystemError, $"container {id} has no cgroup: cannot {(freeze ? "pause" : "resume")} it", id);
            var cgroup = OpenCgroup(record);
            if (freeze) cgroup.Freeze(); else cgroup.Thaw();
            record.Status = freeze ? ContainerState.Paused : ContainerState.Running;
            Store.Save(record);
        }
    }

    public IReadOnlyList<(ContainerStateRecord Record, ContainerState Status)> List()
    {
        var result = new List<(ContainerStateRecord, ContainerState)>();
        foreach (var id in Store.Ids())
        {
            ContainerStateRecord? r;
            try { r = Store.TryLoad(id); }
            catch (ContainerException) { continue; } // unreadable state.json: `list --recover` shows it (docs/recovery.md)
            if (r is not null) result.Add((r, Status(r)));
        }
        return result;
    }

    public IReadOnlyList<int> Pids(string id)
    {
        var record = Store.Load(id);
        if (record.CgroupsPath is not null && Cgroups != CgroupDriver.Disabled) return OpenCgroup(record).GetPids();
        return Status(record) == ContainerState.Stopped ? Array.Empty<int>() : PidNamespaceMembers(record.Pid);
    }

    /// <summary>Without cgroups: the processes sharing init's pid namespace.</summary>
    private static IReadOnlyList<int> PidNamespaceMembers(int initPid)
    {
        string ns;
        try { ns = new FileInfo($"/proc/{initPid}/ns/pid").LinkTarget ?? ""; } catch (IOException) { return Array.Empty<int>(); }
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try { if (new FileInfo($"{dir}/ns/pid").LinkTarget == ns) pids.Add(pid); }
            catch (Exception) { }
        }
        pids.Sort();
        return pids;
    }

    internal ICgroupManager OpenCgroup(ContainerStateRecord record)
        => CgroupManagerFactory.Open(record.CgroupsPath, record.Id, Cgroups == CgroupDriver.Systemd,
            DelegatedCgroup.HostFor(record.CgroupPaths, CgroupHost.Current));

    private static ContainerStateJson StateOf(ContainerStateRecord r, ContainerState status) => new()
    {
        Id = r.Id, Status = status.ToOci(), Pid = r.Pid, Bundle = r.Bundle, Annotations = r.ConfigAnnotations,
    };

    /// <summary>poststart/poststop: every hook runs; each failure is a warning (runtime-spec lifecycle steps 9 and 12).</summary>
    private void RunHooksWarnOnly(string phase, List<Hook>? hooks, ContainerStateJson state)
    {
        if (hooks is not { Count: > 0 }) return;
        try { Warnings.AddRange(HookRunner.RunAll(phase, hooks, state)); }
        catch (Exception e) { Warnings.Add($"{phase} hooks failed: {e.Message}"); }
    }
}
