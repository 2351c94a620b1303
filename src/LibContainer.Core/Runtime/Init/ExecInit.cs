using LibContainer.Interop;
using LibContainer.Runtime.Protocol;
using LibContainer.Runtime.Trace;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Runtime.Init;

/// <summary>`exec` into a running container, in two processes forked from nsinit. The helper (single-threaded)
/// joins the namespaces, user first then mnt, then the rest; it forks once more (CLONE_PARENT, so the process is
/// nsinit's child) because a pid namespace applies to children only, reports that pid and exits. The process then
/// joins its cgroups (itself, or the parent does), waits for "go" and runs the same named steps as init's tail.</summary>
internal static unsafe class ExecInit
{
    public static void RunHelper(InitPlan plan)
    {
        PhaseTrace.BeginProcess("exec-helper");
        ContainerInit.Guarded(plan, HelperSteps);
    }

    private static void HelperSteps(InitPlan plan)
    {
        ContainerInit.Do("dumpable", ContainerInit.NonDumpable, plan);
        ContainerInit.Do("namespaces", JoinNamespaces, plan);
        ContainerInit.Do("fork", ForkIntoPidNamespace, plan);
    }

    private static void JoinNamespaces(InitPlan plan)
    {
        bool processJoinsCgroup = plan.CgroupTasksFds.Count > 0 || plan.CgroupIntoFd >= 0;
        foreach (var (fd, type, name) in plan.JoinFds)
        {
            if (type == (int)CLONE_NEWCGROUP && processJoinsCgroup)
            {
                plan.DeferredCgroupNsFd = fd; // joined by the process, after its cgroups
                continue;
            }
            RuntimeSys.Check(LibC.setns(fd, type), "setns", name);
            RuntimeSys.Close(fd);
        }
    }

    private static void ForkIntoPidNamespace(InitPlan plan)
    {
        // clone3 into the container's cgroup2 directory (CLONE_PARENT: no exit signal of its own, it inherits ours);
        // without clone3, a plain clone and the slow cgroup.procs write.
        long pid = plan.CgroupIntoFd >= 0 ? CloneIntoCgroup(CLONE_PARENT, plan.CgroupIntoFd) : -1;
        bool placed = pid >= 0;
        if (!placed) pid = Clone(CLONE_PARENT | (ulong)LibC.SIGCHLD);
        if (pid < 0) throw SyscallException.FromLastError("clone", null, "exec process");
        if (pid == 0)
        {
            PhaseTrace.BeginProcess("exec-process");
            ContainerInit.Guarded(plan, ProcessSteps);
            LibC._exit(1);
        }
        if (plan.CgroupIntoFd >= 0 && !placed) WriteUnifiedProcs(plan.CgroupIntoFd, (int)pid);
        plan.Channel.Send(InitMessageType.Pid, (int)pid);
        PhaseTrace.Flush();
        LibC._exit(0);
    }

    private static void WriteUnifiedProcs(int dirFd, int pid)
    {
        int fd;
        fixed (byte* n = RuntimeSys.Z("cgroup.procs")) fd = LibC.openat(dirFd, n, LibC.O_WRONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0) throw SyscallException.FromLastError("open", "cgroup.procs");
        try { RuntimeSys.WriteAll(fd, System.Text.Encoding.ASCII.GetBytes(pid.ToString(System.Globalization.CultureInfo.InvariantCulture))); }
        finally { RuntimeSys.Close(fd); }
    }

    /// <summary>The exec'd process joins the container's cgroups itself (CgroupManager.SelfPlacement), then its
    /// cgroup namespace.</summary>
    private static void JoinCgroup(InitPlan plan)
    {
        ContainerInit.WriteCgroupTasks(plan);
        RuntimeSys.Close(plan.CgroupIntoFd);
        plan.CgroupIntoFd = -1;
        if (plan.DeferredCgroupNsFd < 0) return;
        RuntimeSys.Check(LibC.setns(plan.DeferredCgroupNsFd, (int)CLONE_NEWCGROUP), "setns", "cgroup");
        RuntimeSys.Close(plan.DeferredCgroupNsFd);
        plan.DeferredCgroupNsFd = -1;
    }

    private static void ProcessSteps(InitPlan plan)
    {
        ContainerInit.Do("cpu-affinity-initial", p => p.Tuning.ApplyInitialAffinity(), plan);
        ContainerInit.Do("cgroup", JoinCgroup, plan);
        ContainerInit.Do("sync", ContainerInit.SyncWithParent, plan);
        ContainerInit.Do("session-keyring", ContainerInit.JoinSessionKeyring, plan);
        ContainerInit.Do("session", ContainerInit.NewSession, plan);
        ContainerInit.Do("console", ConsoleSetup.Attach, plan);
        ContainerInit.Do("rlimits", ContainerInit.ApplyRlimits, plan);
        ContainerInit.Do("cwd", ContainerInit.ChangeDirectory, plan);
        ContainerInit.Do("resolve-exec", ExecPath.Resolve, plan);
        ContainerInit.Do("scheduling", p => p.Tuning.ApplyPolicies(), plan);
        ContainerInit.Do("label", ContainerInit.ApplyLabel, plan);
        ContainerInit.Do("credentials", ContainerInit.ApplyCredentials, plan);
        ContainerInit.Do("cpu-affinity-final", p => p.Tuning.ApplyFinalAffinity(), plan);
        ContainerInit.Do("landlock", ContainerInit.ApplyLandlock, plan);
        ContainerInit.Do("seccomp", ContainerInit.ApplySeccomp, plan);
        ContainerInit.Do("close-fds", ContainerInit.CloseStrayFds, plan);
        ContainerInit.Do("exec", ContainerInit.Exec, plan);
    }
}
