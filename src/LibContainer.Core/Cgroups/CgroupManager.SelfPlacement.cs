namespace LibContainer.Cgroups;

// Writing a pid into cgroup.procs takes the kernel's global cgroup_threadgroup_rwsem for writing, whose first writer
// after a quiet spell waits a whole RCU grace period (12-20 ms on this VM: most of a `run`'s wall time, for runc and
// crun too). A single-threaded process moving itself (v1 "tasks" ← "0") skips that lock, and clone3(CLONE_INTO_CGROUP)
// places a child in a cgroup2 directory under the lock's cheap read side. Init is single-threaded, so it can do both.
internal sealed partial class CgroupManager
{
    /// <summary>The v1 "tasks" files of this cgroup (one per v1 hierarchy).</summary>
    internal IReadOnlyList<string> V1TasksFiles =>
        _dirs.Where(d => !d.Hierarchy.IsUnified).Select(d => System.IO.Path.Combine(d.Dir, "tasks")).ToList();

    /// <summary>True when the cgroup2 directory has no controller enabled for it, so a process placed there from its
    /// birth is charged nothing there (on a hybrid host the unified hierarchy only tracks membership).</summary>
    internal bool UnifiedHasNoControllers =>
        UnifiedDir is not { } dir || (CgroupFile.TryReadLine(System.IO.Path.Combine(dir, "cgroup.controllers")) ?? "").Length == 0;

    /// <summary>Writes <paramref name="pid"/> into the cgroup2 directory's cgroup.procs only.</summary>
    internal void ApplyUnified(int pid)
    {
        if (UnifiedDir is { } dir)
            CgroupFile.Write(System.IO.Path.Combine(dir, "cgroup.procs"), pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
