using System.Globalization;

namespace LibContainer.Cgroups;

// cpu.rt_period_us / cpu.rt_runtime_us (cgroup v1, CONFIG_RT_GROUP_SCHED). A new cgroup starts with an RT runtime of 0
// and the kernel refuses a child whose budget exceeds its parent's (EINVAL), so a container below /nsinit could never
// get one. As crun does, the parents this runtime created get their nearest ancestor's budget first, top-down. Only
// runs when a realtime value is set; parents we did not create (the host's, another runtime's) are never written.
internal sealed partial class CgroupManager
{
    private const string RtPeriod = "cpu.rt_period_us", RtRuntime = "cpu.rt_runtime_us";

    /// <summary>Writes the container's realtime period/runtime into its v1 cpu directory <paramref name="dir"/>,
    /// after giving the parents we made enough budget.</summary>
    internal void SetRealtime(string dir, ulong? period, long? runtime)
    {
        if (period is null && runtime is null) return;
        foreach (var file in new[] { RtPeriod, RtRuntime })
            if (!File.Exists(System.IO.Path.Combine(dir, file))) // WriteControl throws the clear "no such file" error
                WriteControl("cpu", dir, file, file == RtPeriod ? $"{period}" : $"{runtime}", "needs CONFIG_RT_GROUP_SCHED");
        GrantRealtimeBudgetToParents(dir, period, runtime);

        var p = period?.ToString(CultureInfo.InvariantCulture);
        var r = runtime?.ToString(CultureInfo.InvariantCulture);
        // A new period with the old runtime may exceed the budget, and a new runtime with the old period too: when the
        // period does not go in first, write the runtime first (runc does the same).
        if (p is not null && CgroupFile.TryWrite(System.IO.Path.Combine(dir, RtPeriod), p) != 0)
        {
            if (r is not null) WriteRealtime(dir, RtRuntime, r);
            WriteRealtime(dir, RtPeriod, p);
            return;
        }
        if (r is not null) WriteRealtime(dir, RtRuntime, r);
    }

    /// <summary>Top-down over the directories between the cpu mount point and <paramref name="dir"/>: each one with no
    /// RT runtime that this runtime created gets its parent's period and runtime (or, if the kernel refuses that
    /// because siblings hold budget, the container's own values).</summary>
    internal void GrantRealtimeBudgetToParents(string dir, ulong? period, long? runtime)
    {
        if (Host.V1For("cpu") is not { } h) return;
        var mount = h.MountPoint.TrimEnd('/');
        if (!dir.StartsWith(mount + "/", StringComparison.Ordinal)) return;
        var segments = dir[(mount.Length + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = mount;
        for (int i = 0; i < segments.Length - 1; i++) // the last one is the container's own directory
        {
            var current = System.IO.Path.Combine(parent, segments[i]);
            var have = ReadRt(current, RtRuntime);
            if (have is not (null or 0) || !CreatedByUs(current, segments[i]))
            {
                parent = current;
                continue;
            }
            var fromPeriod = ReadRt(parent, RtPeriod);
            var fromRuntime = ReadRt(parent, RtRuntime);
            if (fromPeriod is null || fromRuntime is null or 0) return; // nothing to hand down: the container's write reports it
            if (!TryGrant(current, fromPeriod.Value, fromRuntime.Value) &&
                !(runtime is { } want && want > 0 && TryGrant(current, (long?)period ?? fromPeriod.Value, want)))
                return;
            parent = current;
        }
    }

    /// <summary>Gives a directory's RT budget back before it is removed: the kernel returns a removed cgroup's budget
    /// only when it finally frees the cgroup (about a second later), and until then no new sibling can have it.</summary>
    internal static void ReleaseRealtime(CgroupHierarchy h, string dir)
    {
        if (!h.Has("cpu") || h.IsUnified) return;
        if (ReadRt(dir, RtRuntime) is > 0) CgroupFile.TryWrite(System.IO.Path.Combine(dir, RtRuntime), "0");
    }

    private bool CreatedByUs(string dir, string name) =>
        !CgroupPlacement.IsDenied(name) &&
        (_createdHere.Contains(dir) || CgroupFile.GetMarker(dir, ParentXattr) == "1");

    private static bool TryGrant(string dir, long period, long runtime) =>
        CgroupFile.TryWrite(System.IO.Path.Combine(dir, RtPeriod), period.ToString(CultureInfo.InvariantCulture)) == 0 &&
        CgroupFile.TryWrite(System.IO.Path.Combine(dir, RtRuntime), runtime.ToString(CultureInfo.InvariantCulture)) == 0;

    private static long? ReadRt(string dir, string file) =>
        long.TryParse(CgroupFile.TryReadLine(System.IO.Path.Combine(dir, file)), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v : null;

    private void WriteRealtime(string dir, string file, string value)
    {
        var path = System.IO.Path.Combine(dir, file);
        int errno = CgroupFile.TryWrite(path, value);
        if (errno == 0) return;
        if (Math.Abs(errno) == Errno.EINVAL)
        {
            var parent = System.IO.Path.GetDirectoryName(dir)!;
            throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                $"cannot set {file} = {value} in {dir}: the kernel refused it (EINVAL): the runtime must fit the parent's " +
                $"realtime budget ({ReadRt(parent, RtRuntime)} µs per {ReadRt(parent, RtPeriod)} µs in {parent}) together with its siblings', and be at most the period",
                ContainerId);
        }
        throw new SyscallException(errno < 0 ? "open" : "write", Math.Abs(errno), path, $"value \"{value}\"");
    }
}
