using System.Text.Json;
using LibContainer.Cgroups;
using LibContainer.Config;
using LibContainer.Config.Codec;
using LibContainer.Interop;
using LibContainer.Network;
using LibContainer.Runtime.Launch;
using LibContainer.Stats;

namespace LibContainer.Runtime;

/// <summary>The cgroup side of the lifecycle (pause/resume are beside Kill): update (limits), stats, the events stream.
/// None of them forks or starts a thread, so nsinit, pwsh and any .NET host may call them.</summary>
public sealed partial class ContainerOperations
{
    /// <summary>
    /// Writes the given limits to a created, running or paused container's cgroup and records them in its config
    /// (state.json), so later reads see them. Only the fields set in <paramref name="resources"/> change (runc's rule);
    /// a field set here replaces the recorded one, lists and maps as a whole. Engine zeros mean "not set"
    /// (<see cref="UnsetResourceValues"/>): <paramref name="resources"/> is cleared of them in place.
    /// </summary>
    public LinuxResources Update(string id, LinuxResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        UnsetResourceValues.Clear(resources);
        using (Store.Lock(id))
        {
            var record = Store.Load(id);
            if (Status(record) == ContainerState.Stopped)
                throw new ContainerException(ContainerErrorKind.NotRunning, $"cannot update container {id}: it is stopped", id);
            var linux = record.Config.Linux ??= new Linux();
            // New device rules get the defaults create adds (null, zero, ptys, linux.devices), or they would lock those out.
            var toWrite = resources.Devices is { Count: > 0 }
                ? DefaultDeviceRules.WithDefaults(new Spec { Linux = new Linux { Resources = resources, Devices = linux.Devices } })
                : resources;
            RequireCgroup(record, "update").Set(toWrite);
            linux.Resources = MergeResources(linux.Resources, resources);
            Store.Save(record);
            return linux.Resources;
        }
    }

    /// <summary>CPU, memory, pids, block I/O and hugetlb from the cgroup files; the network counters of the container's
    /// interfaces when it has its own network namespace and still runs.</summary>
    public ContainerStats Stats(string id)
    {
        var record = Store.Load(id);
        var cgroup = RequireCgroup(record, "read the stats of");
        if (!cgroup.Exists)
            throw new ContainerException(ContainerErrorKind.NotFound, $"the cgroup {record.CgroupsPath} of container {id} does not exist", id);
        var stats = cgroup.GetStats();
        stats.ContainerId = id;
        AddNetworkStats(record, stats);
        return stats;
    }

    /// <summary>
    /// `events`: a stats event now and every <paramref name="interval"/>, and an "oom" event per OOM kill in between, on
    /// the caller's thread, until the container stops (checked after each event) or <paramref name="write"/> returns false.
    /// </summary>
    public void Events(string id, TimeSpan interval, Func<RuncEvent, bool> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var record = Store.Load(id);
        if (Status(record) == ContainerState.Stopped)
            throw new ContainerException(ContainerErrorKind.NotRunning, $"container {id} is not running", id);
        var cgroup = RequireCgroup(record, "watch the events of");
        ContainerEvents.Stream(cgroup, id, interval,
            e => write(e) && ContainerStatusProbe.IsAlive(record.Pid, record.PidStartTime, "/proc"),
            stats => AddNetworkStats(record, stats));
    }

    /// <summary>The container's cgroup (an error when it runs without one), e.g. to watch its OOM kills.</summary>
    public ICgroupManager CgroupOf(string id) => RequireCgroup(Store.Load(id), "watch");

    /// <summary>The fields set in <paramref name="update"/> replace those in <paramref name="current"/>, recursively for
    /// objects (memory, cpu, …); arrays, maps of values and scalars are replaced whole.</summary>
    public static LinuxResources MergeResources(LinuxResources? current, LinuxResources update)
    {
        byte[] source = SpecWriter.ToUtf8(update, SpecWriter.Write, default);
        if (current is null) return SpecReader.ReadLinuxResources(source)!;
        using var target = JsonDocument.Parse(SpecWriter.ToUtf8(current, SpecWriter.Write, default));
        using var changes = JsonDocument.Parse(source);
        var merged = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(merged)) MergeInto(w, target.RootElement, changes.RootElement, depth: 0);
        return SpecReader.ReadLinuxResources(merged.WrittenSpan)!;
    }

    // Writes target with source's members replacing (or added after) its own.
    private static void MergeInto(Utf8JsonWriter w, JsonElement target, JsonElement source, int depth)
    {
        w.WriteStartObject();
        foreach (var member in target.EnumerateObject())
        {
            if (!source.TryGetProperty(member.Name, out var change))
            {
                member.WriteTo(w);
                continue;
            }
            w.WritePropertyName(member.Name);
            // Depth 0 is LinuxResources; its objects (memory, cpu, pids, blockIO, network) merge field by field.
            // rdma and unified are maps whose entries replace each other whole.
            if (depth == 0 && member.Name is not ("rdma" or "unified")
                && change.ValueKind == JsonValueKind.Object && member.Value.ValueKind == JsonValueKind.Object)
                MergeInto(w, member.Value, change, depth + 1);
            else change.WriteTo(w);
        }
        foreach (var member in source.EnumerateObject())
            if (!target.TryGetProperty(member.Name, out _)) member.WriteTo(w);
        w.WriteEndObject();
    }

    private ICgroupManager RequireCgroup(ContainerStateRecord record, string what)
    {
        if (record.CgroupsPath is null || Cgroups == CgroupDriver.Disabled)
            throw new ContainerException(ContainerErrorKind.SystemError,
                $"cannot {what} container {record.Id}: it runs without cgroups (--cgroup-manager disabled)", record.Id);
        return OpenCgroup(record);
    }

    /// <summary>
    /// kill of a paused container. SIGKILL thaws it afterwards (a task frozen by the v1 freezer dies only once thawed);
    /// any other signal is only queued and the container stays frozen until resumed (KillAll would thaw it, so --all
    /// signals the frozen pids here). False when the container has no cgroup (the caller signals init).
    /// </summary>
    private bool SignalPaused(ContainerStateRecord record, int signal, bool all)
    {
        if (record.CgroupsPath is null || Cgroups == CgroupDriver.Disabled) return false;
        var cgroup = OpenCgroup(record);
        if (signal == LibC.SIGKILL)
        {
            if (all) cgroup.KillAll(signal);
            else SignalPid(record.Pid, signal);
            cgroup.Thaw();
            return true;
        }
        foreach (var pid in all ? cgroup.GetPids() : new[] { record.Pid }) SignalPid(pid, signal);
        return true;
    }

    private static void SignalPid(int pid, int signal)
    {
        if (LibC.kill(pid, signal) == 0 || RuntimeSys.Errno == LibContainer.Errno.ESRCH) return;
        throw SyscallException.FromLastError("kill", null, $"pid {pid}, signal {signal}");
    }

    private static void AddNetworkStats(ContainerStateRecord record, ContainerStats stats)
    {
        if (!ContainerStatusProbe.IsAlive(record.Pid, record.PidStartTime, "/proc")) return;
        string? mine, theirs;
        try
        {
            mine = new FileInfo("/proc/self/ns/net").LinkTarget;
            theirs = new FileInfo($"/proc/{record.Pid}/ns/net").LinkTarget;
        }
        catch (IOException) { return; }
        if (theirs is null || theirs == mine) return; // the host's network: its counters are not the container's
        try { stats.Network = NetworkStats.Read(record.Pid); }
        catch (SyscallException) { } // init exited between the check and the read
    }
}
