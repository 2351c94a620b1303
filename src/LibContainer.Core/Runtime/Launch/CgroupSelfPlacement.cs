using LibContainer.Cgroups;
using LibContainer.Interop;
using LibContainer.Runtime.Init;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Runtime.Launch;

/// <summary>Who puts init into its cgroup, and how (CgroupManager.SelfPlacement says why): init joins its v1
/// hierarchies itself, clone3(CLONE_INTO_CGROUP) starts it in the cgroup2 directory, and the parent writes
/// cgroup.procs only for what is left — everything in a new user namespace (init cannot write the host's cgroup
/// files there), cgroup2 when clone3 cannot, or cgroup2 with controllers when init's setup must not be charged.</summary>
internal sealed unsafe class CgroupSelfPlacement
{
    private readonly ICgroupManager? _cgroup;
    private readonly bool _childJoinsV1;
    private int _intoFd;
    private bool _unifiedAtBirth;

    private CgroupSelfPlacement(ICgroupManager? cgroup, bool childJoinsV1, int intoFd)
    {
        _cgroup = cgroup;
        _childJoinsV1 = childJoinsV1;
        _intoFd = intoFd;
    }

    public static CgroupSelfPlacement Prepare(ICgroupManager? cgroup, InitPlan plan)
    {
        if (cgroup is not CgroupManager m || plan.NewUserNamespace) return new CgroupSelfPlacement(cgroup, false, -1);
        plan.CgroupTasksFiles = m.V1TasksFiles;
        int intoFd = m.UnifiedDir is { } dir && (plan.NewCgroupNamespace || m.UnifiedHasNoControllers)
            ? RuntimeSys.Open(dir, LibC.O_RDONLY | LibC.O_DIRECTORY) : -1;
        if (intoFd >= 0) plan.CloseInChild.Add(intoFd);
        return new CgroupSelfPlacement(m, true, intoFd);
    }

    /// <summary>exec: the same for the exec'd process, whose files the parent opens (the helper enters the
    /// container's mount namespace before the process exists). False: the parent writes cgroup.procs.</summary>
    public static bool PrepareExec(ICgroupManager? cgroup, InitPlan plan)
    {
        if (cgroup is not CgroupManager m || plan.JoinFds.Any(j => j.Type == (int)CLONE_NEWUSER)) return false;
        plan.CgroupTasksFiles = m.V1TasksFiles;
        foreach (var file in plan.CgroupTasksFiles) plan.CgroupTasksFds.Add(RuntimeSys.Open(file, LibC.O_WRONLY));
        if (m.UnifiedDir is { } dir) plan.CgroupIntoFd = RuntimeSys.Open(dir, LibC.O_RDONLY | LibC.O_DIRECTORY);
        return true;
    }

    /// <summary>The parent's copies of what <see cref="PrepareExec"/> opened, once the helper has them.</summary>
    public static void CloseExecFds(InitPlan plan)
    {
        foreach (var fd in plan.CgroupTasksFds) RuntimeSys.Close(fd);
        RuntimeSys.Close(plan.CgroupIntoFd);
    }

    /// <summary>The fork-style clone of init: clone3 into the cgroup2 directory when planned, else (or when this
    /// kernel has no clone3 / CLONE_INTO_CGROUP) plain clone. Returns as clone does: 0 in the child.</summary>
    public long Clone(ulong flags)
    {
        if (_intoFd >= 0)
        {
            long rc = CloneIntoCgroup(flags, _intoFd);
            if (rc >= 0) { _unifiedAtBirth = true; return rc; }
            if (RuntimeSys.Errno is not (Errno.ENOSYS or Errno.E2BIG or Errno.EINVAL or Errno.EOPNOTSUPP)) return rc;
        }
        return RuntimeNative.Clone(flags);
    }

    /// <summary>The parent's copy of the cgroup2 fd is not needed once init exists.</summary>
    public void AfterClone()
    {
        RuntimeSys.Close(_intoFd);
        _intoFd = -1;
    }

    /// <summary>Writes init's pid into the cgroup.procs init could not join itself.</summary>
    public void ParentPlaces(int pid)
    {
        if (_cgroup is null) return;
        if (!_childJoinsV1) _cgroup.Apply(pid);
        else if (!_unifiedAtBirth && _cgroup is CgroupManager m && m.UnifiedDir is not null) m.ApplyUnified(pid);
    }
}
