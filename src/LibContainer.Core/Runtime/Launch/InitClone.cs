using System.Globalization;
using System.Text;
using LibContainer.Interop;
using LibContainer.Runtime.Init;
using LibContainer.Runtime.Protocol;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Runtime.Launch;

/// <summary>Makes the container's init. pid and time namespaces apply to children only: when init must be born in a
/// pid namespace given by path, or in a time namespace (new or by path), a throw-away helper (a fork of nsinit) enters
/// them and clones init with CLONE_PARENT, so init is still nsinit's child while nsinit itself — and the hooks and the
/// supervisor it starts later — stays in the host's namespaces.</summary>
internal static unsafe class InitClone
{
    /// <summary>Returns init's pid; in init, runs <see cref="ContainerInit.Run"/> and never returns.</summary>
    public static int Clone(InitPlan plan, CgroupSelfPlacement placement, InitChannel parent, string id)
    {
        if (plan.JoinBeforeClone.Count == 0 && !plan.NewTimeNamespace)
        {
            long rc = placement.Clone(plan.CloneFlags);
            if (rc == 0) RunInit(plan);
            if (rc < 0) throw SyscallException.FromLastError("clone", null, "container init");
            return (int)rc;
        }

        long helper = RuntimeNative.Clone((ulong)LibC.SIGCHLD);
        if (helper == 0)
        {
            ContainerInit.Guarded(plan, p => HelperSteps(p, placement));
            LibC._exit(1);
        }
        if (helper < 0) throw SyscallException.FromLastError("clone", null, "namespace helper");
        int helperFd = RuntimeSys.Check(PidfdOpen((int)helper), "pidfd_open");
        InitMessage? m;
        try { m = parent.Receive(helperFd); }
        finally
        {
            SigInfo info;
            waitid(P_PIDFD, helperFd, &info, WEXITED);
            RuntimeSys.Close(helperFd);
        }
        if (m.ThrowIfError(id) is not { Type: InitMessageType.Pid } p) throw new InitFailedException("namespace helper exited unexpectedly", "", "", 0, "", id);
        return p.Value;
    }

    private static void RunInit(InitPlan plan)
    {
        ContainerInit.Run(plan);
        LibC._exit(1); // not reached: Run ends in execve or _exit
    }

    private static void HelperSteps(InitPlan plan, CgroupSelfPlacement placement)
    {
        ContainerInit.Do("pid-time-namespaces", EnterNamespaces, plan);
        ContainerInit.Do("fork", p => CloneInit(p, placement), plan);
    }

    private static void EnterNamespaces(InitPlan plan)
    {
        foreach (var (type, path) in plan.JoinBeforeClone)
        {
            int fd = RuntimeSys.Open(path, LibC.O_RDONLY);
            try { RuntimeSys.Check(LibC.setns(fd, type), "setns", path); }
            finally { RuntimeSys.Close(fd); }
        }
        if (!plan.NewTimeNamespace) return;
        RuntimeSys.Check(LibC.unshare((int)CLONE_NEWTIME), "unshare", "CLONE_NEWTIME");
        if (plan.Spec.Linux?.TimeOffsets is not { Count: > 0 } offsets) return;
        var text = new StringBuilder();
        foreach (var (clock, off) in offsets) text.Append(CultureInfo.InvariantCulture, $"{clock} {off.Secs} {off.Nanosecs}\n");
        RuntimeSys.WriteFile("/proc/self/timens_offsets", text.ToString());
    }

    /// <summary>CLONE_PARENT: init is nsinit's child (its exit signal is the helper's, SIGCHLD; clone3 wants none given).</summary>
    private static void CloneInit(InitPlan plan, CgroupSelfPlacement placement)
    {
        long pid = placement.Clone((plan.CloneFlags & ~0xffUL) | CLONE_PARENT);
        if (pid == 0) RunInit(plan);
        if (pid < 0) throw SyscallException.FromLastError("clone", null, "container init");
        plan.Channel.Send(InitMessageType.Pid, (int)pid);
        LibC._exit(0);
    }
}
