using LibContainer.Interop;
using LibContainer.Runtime.Protocol;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Runtime.Init;

/// <summary>`exec` into a running container, in two processes forked from nsinit. The helper (single-threaded)
/// joins the namespaces, user first then mnt, then the rest; it forks once more (CLONE_PARENT, so the process is
/// nsinit's child) because a pid namespace applies to children only, reports that pid and exits. The process then
/// waits for "go" (cgroup joined) and runs the same named steps as init's tail.</summary>
internal static class ExecInit
{
    public static void RunHelper(InitPlan plan) => ContainerInit.Guarded(plan, HelperSteps);

    private static void HelperSteps(InitPlan plan)
    {
        ContainerInit.Do("dumpable", ContainerInit.NonDumpable, plan);
        ContainerInit.Do("namespaces", JoinNamespaces, plan);
        ContainerInit.Do("fork", ForkIntoPidNamespace, plan);
    }

    private static void JoinNamespaces(InitPlan plan)
    {
        foreach (var (fd, type, name) in plan.JoinFds)
        {
            RuntimeSys.Check(setns(fd, type), "setns", name);
            RuntimeSys.Close(fd);
        }
    }

    private static void ForkIntoPidNamespace(InitPlan plan)
    {
        long pid = Clone(CLONE_PARENT | (ulong)SIGCHLD);
        if (pid < 0) throw SyscallException.FromLastError("clone", null, "exec process");
        if (pid == 0)
        {
            ContainerInit.Guarded(plan, ProcessSteps);
            Exit(1);
        }
        plan.Channel.Send(InitMessageType.Pid, (int)pid);
        Exit(0);
    }

    private static void ProcessSteps(InitPlan plan)
    {
        ContainerInit.Do("sync", ContainerInit.SyncWithParent, plan);
        ContainerInit.Do("session-keyring", ContainerInit.JoinSessionKeyring, plan);
        ContainerInit.Do("console", ConsoleSetup.Attach, plan);
        ContainerInit.Do("rlimits", ContainerInit.ApplyRlimits, plan);
        ContainerInit.Do("cwd", ContainerInit.ChangeDirectory, plan);
        ContainerInit.Do("resolve-exec", ExecPath.Resolve, plan);
        ContainerInit.Do("credentials", ContainerInit.ApplyCredentials, plan);
        ContainerInit.Do("label", ContainerInit.ApplyLabel, plan);
        ContainerInit.Do("seccomp", ContainerInit.ApplySeccomp, plan);
        ContainerInit.Do("close-fds", ContainerInit.CloseStrayFds, plan);
        ContainerInit.Do("exec", ContainerInit.Exec, plan);
    }
}
