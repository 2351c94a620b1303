using LibContainer.Interop;
using LibContainer.Rootfs;
using LibContainer.Runtime.Protocol;
using LibContainer.Runtime.Trace;
using LibContainer.Security;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Runtime.Init;

/// <summary>The container's init: runs in the clone child (pid 1 of the new pid namespace), single-threaded.
/// A flat list of named steps, top to bottom; the first failure is sent to the parent as a typed error
/// (step, syscall, errno, path) and init exits. Never Console, never Environment.ProcessId, no threads.</summary>
internal static unsafe class ContainerInit
{
    private static string _step = "";

    public static void Run(InitPlan plan)
    {
        PhaseTrace.BeginProcess("init");
        Guarded(plan, Steps);
    }

    private static void Steps(InitPlan plan)
    {
            Do("dumpable", NonDumpable, plan);
            Do("sync", SyncWithParent, plan);
            Do("dumpable-after-id-maps", NonDumpableAfterIdMaps, plan);
            Do("die-with-parent", DieWithParent, plan);
            Do("cpu-affinity-initial", p => p.Tuning.ApplyInitialAffinity(), plan);
            Do("cgroup", JoinCgroupBeforeNamespaces, plan);
            Do("namespaces", JoinNamespaces, plan);
            Do("loopback", BringUpLoopback, plan);
            Do("hostname", SetHostname, plan);
            Do("session-keyring", JoinSessionKeyring, plan);
            Do("root-propagation", MakeRootPrivate, plan);
            Do("rootfs", BindRootfs, plan);
            Do("mounts", MountSetup.MountAll, plan);
            Do("devices", DeviceSetup.CreateDevices, plan);
            Do("dev-symlinks", DeviceSetup.CreateSymlinks, plan);
            Do("runtime-hooks", RunRuntimeHooks, plan);
            Do("create-container-hooks", RunCreateContainerHooks, plan);
            Do("exec-fifo", OpenExecFifo, plan);
            Do("pivot-root", RootSwitch.PivotOrMove, plan);
            Do("session", NewSession, plan);
            Do("console", ConsoleSetup.Attach, plan);
            Do("sysctl", WriteSysctls, plan);
            Do("oom-score-adj", SetOomScoreAdj, plan);
            Do("readonly-paths", PathProtection.ReadonlyPaths, plan);
            Do("masked-paths", PathProtection.MaskPaths, plan);
            Do("readonly-root", PathProtection.ReadonlyRoot, plan);
            Do("rlimits", ApplyRlimits, plan);
            Do("personality", SetPersonality, plan);
            Do("cwd", ChangeDirectory, plan);
            Do("resolve-exec", ExecPath.Resolve, plan);
            Do("cgroup", JoinCgroupAfterSetup, plan);
            Do("scheduling", p => p.Tuning.ApplyPolicies(), plan);
            Do("label", ApplyLabel, plan);
            Do("credentials", ApplyCredentials, plan);
            Do("die-with-parent", DieWithParent, plan); // again: a change of credentials clears it
            Do("ready", ReportReady, plan);
            Do("wait-start", WaitForStart, plan);
            Do("start-container-hooks", RunStartContainerHooks, plan);
            Do("cpu-affinity-final", p => p.Tuning.ApplyFinalAffinity(), plan);
            Do("landlock", ApplyLandlock, plan);
            Do("seccomp", ApplySeccomp, plan);
            Do("close-fds", CloseStrayFds, plan);
            Do("exec", Exec, plan);
    }

    /// <summary>Runs <paramref name="steps"/>; the first failure goes to the parent as a typed error and the process exits.</summary>
    internal static void Guarded(InitPlan plan, Action<InitPlan> steps)
    {
        try
        {
            steps(plan);
        }
        catch (ExecFailedException e)
        {
            Fail(plan, new InitMessage(InitMessageType.Error, e.Errno, 0, _step, "execve", e.Path, e.Message));
        }
        catch (SyscallException e)
        {
            Fail(plan, new InitMessage(InitMessageType.Error, e.Errno, 0, _step, e.Syscall, e.Path ?? ""));
        }
        catch (Exception e)
        {
            Fail(plan, new InitMessage(InitMessageType.Error, 0, 0, _step, "", "", e.Message));
        }
    }

    internal static void Do(string name, Action<InitPlan> step, InitPlan plan)
    {
        _step = name;
        PhaseTrace.Mark(name);
        step(plan);
    }

    /// <summary>Until execve, nobody in the container may open /proc/1/exe (the host nsinit binary) for writing
    /// or ptrace init: CVE-2019-5736. execve resets dumpable.</summary>
    internal static void NonDumpable(InitPlan plan)
    {
        if (!WaitsForUnprivilegedIdMaps(plan)) RuntimeSys.Check(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl", "PR_SET_DUMPABLE");
        foreach (var fd in plan.CloseInChild) RuntimeSys.Close(fd);
        LibC.umask(0x12); // 022: mount points and nodes get predictable modes whatever the caller's umask
    }

    /// <summary>An unprivileged parent (and newuidmap, which checks who owns /proc/PID) can write init's uid_map,
    /// gid_map and setgroups only while init is dumpable (else /proc/PID is root's): it stays so until Go, before any
    /// process of the container exists.</summary>
    private static bool WaitsForUnprivilegedIdMaps(InitPlan plan) => plan.Unprivileged && plan.NewUserNamespace;

    private static void NonDumpableAfterIdMaps(InitPlan plan)
    {
        if (WaitsForUnprivilegedIdMaps(plan)) RuntimeSys.Check(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl", "PR_SET_DUMPABLE");
    }

    internal static void SyncWithParent(InitPlan plan)
    {
        var m = plan.Channel.Receive() ?? throw new ContainerException(ContainerErrorKind.InitFailed, "parent went away");
        if (m.Type != InitMessageType.Go) throw new ContainerException(ContainerErrorKind.InitFailed, $"init protocol: expected Go, got {m.Type}");
        plan.HostPid = m.Value;
        if (plan.NewUserNamespace)
        {
            RuntimeSys.Check(setresgid(0, 0, 0), "setresgid", "0");
            RuntimeSys.Check(setresuid(0, 0, 0), "setresuid", "0");
        }
    }

    /// <summary>Supervised: init is killed when the supervisor (its parent) dies, so that killing the supervisor never
    /// leaves the container running unwatched. Before this step a dead parent is seen by "sync" (end of the socket).</summary>
    private static void DieWithParent(InitPlan plan)
    {
        if (plan.DieWithParent) RuntimeSys.Check(prctl(PR_SET_PDEATHSIG, (ulong)LibC.SIGKILL, 0, 0, 0), "prctl", "PR_SET_PDEATHSIG");
    }

    /// <summary>Init joins its v1 cgroups itself (CgroupManager.SelfPlacement): the files are opened now, while the host's
    /// cgroup mounts are visible; with a new cgroup namespace it joins now (the namespace's root is where it stands),
    /// otherwise after its own setup, which is then not charged to the container.</summary>
    private static void JoinCgroupBeforeNamespaces(InitPlan plan)
    {
        foreach (var file in plan.CgroupTasksFiles) plan.CgroupTasksFds.Add(RuntimeSys.Open(file, LibC.O_WRONLY));
        if (plan.NewCgroupNamespace) WriteCgroupTasks(plan);
    }

    private static void JoinCgroupAfterSetup(InitPlan plan)
    {
        if (!plan.NewCgroupNamespace) WriteCgroupTasks(plan);
    }

    internal static void WriteCgroupTasks(InitPlan plan)
    {
        byte self = (byte)'0'; // "0" in tasks: the writing thread, init's only one
        for (int i = 0; i < plan.CgroupTasksFds.Count; i++)
        {
            if (LibC.write(plan.CgroupTasksFds[i], &self, 1) != 1) throw SyscallException.FromLastError("write", plan.CgroupTasksFiles[i]);
            RuntimeSys.Close(plan.CgroupTasksFds[i]);
        }
        plan.CgroupTasksFds.Clear();
    }

    private static void JoinNamespaces(InitPlan plan)
    {
        foreach (var (type, path) in plan.JoinNamespaces)
        {
            int fd = RuntimeSys.Open(path, LibC.O_RDONLY);
            try { RuntimeSys.Check(LibC.setns(fd, type), "setns", path); }
            finally { RuntimeSys.Close(fd); }
        }
        if (plan.NewCgroupNamespace) RuntimeSys.Check(LibC.unshare((int)CLONE_NEWCGROUP), "unshare", "CLONE_NEWCGROUP");
    }

    /// <summary>An unprivileged runtime cannot enter the container's network namespace: init, root of the user namespace
    /// that owns it, brings `lo` up itself (root's runtime does it from the parent, see ContainerNetwork).</summary>
    private static void BringUpLoopback(InitPlan plan)
    {
        if (plan.Unprivileged && (plan.CloneFlags & CLONE_NEWNET) != 0) LibContainer.Network.NetworkSetup.LoopbackUp();
    }

    internal static void JoinSessionKeyring(InitPlan plan)
    {
        if (!plan.NoNewKeyring) SessionKeyring.Join(plan.Id, plan.NewUserNamespace, setPermissions: !plan.IsExec);
    }

    /// <summary>pid 1 leads its own session and process group with or without a terminal (NSsid 1, as under runc and
    /// crun); an exec'd process only with a terminal, which becomes its controlling terminal.</summary>
    internal static void NewSession(InitPlan plan)
    {
        if (!plan.IsExec || plan.Spec.Process?.Terminal == true) RuntimeSys.Check(LibC.setsid(), "setsid");
    }

    private static void SetHostname(InitPlan plan)
    {
        if (plan.Spec.Hostname is { Length: > 0 } h)
            fixed (byte* p = RuntimeSys.Z(h)) RuntimeSys.Check(LibC.sethostname(p, System.Text.Encoding.UTF8.GetByteCount(h)), "sethostname", h);
        if (plan.Spec.Domainname is { Length: > 0 } d)
            fixed (byte* p = RuntimeSys.Z(d)) RuntimeSys.Check(LibC.setdomainname(p, System.Text.Encoding.UTF8.GetByteCount(d)), "setdomainname", d);
    }

    /// <summary>Nothing mounted in the container may propagate to the host: "/" becomes rslave/rprivate first.</summary>
    private static void MakeRootPrivate(InitPlan plan)
    {
        ulong prop = plan.RootPropagation;
        // shared and unbindable are applied after the switch (RootSwitch): before it the tree must not be shared
        // (pivot_root needs that) and the rootfs must stay bindable (its bind would be EINVAL).
        if ((prop & (MS_SHARED | MS_UNBINDABLE)) != 0 || prop == 0) prop = MS_SLAVE | MS_REC;
        RuntimeSys.Mount(null, "/", null, prop, null);
    }

    private static void BindRootfs(InitPlan plan)
    {
        RuntimeSys.Mount(plan.Rootfs, plan.Rootfs, null, MS_BIND | MS_REC, null);
        plan.RootFd = RuntimeSys.Open(plan.Rootfs, LibC.O_PATH | LibC.O_DIRECTORY);
    }

    private static void RunRuntimeHooks(InitPlan plan)
    {
        if (!plan.HasRuntimeHooks) return;
        plan.Channel.Send(InitMessageType.RunRuntimeHooks);
        var m = plan.Channel.Receive() ?? throw new ContainerException(ContainerErrorKind.InitFailed, "parent went away");
        if (m.Type != InitMessageType.HooksDone) throw new ContainerException(ContainerErrorKind.InitFailed, $"init protocol: expected HooksDone, got {m.Type}");
    }

    private static void RunCreateContainerHooks(InitPlan plan)
    {
        if (plan.Spec.Hooks?.CreateContainer is { Count: > 0 } hooks)
            HookRunner.Run("createContainer", hooks, plan.HookState(ContainerState.Created, LibC.getpid()));
    }

    /// <summary>The parent handed init an O_PATH fd on the exec fifo (the state directory is not reachable from here);
    /// it is reopened for writing through /proc/self/fd after the switch. It must not be one of the preserved fds.</summary>
    private static void OpenExecFifo(InitPlan plan)
    {
        if (plan.ExecFifoFd >= 0 && plan.ExecFifoFd < 3 + plan.PreserveFds)
            throw new ContainerException(ContainerErrorKind.SystemError, "exec fifo fd collides with a preserved fd");
    }

    private static void WriteSysctls(InitPlan plan)
    {
        if (plan.Spec.Linux?.Sysctl is not { Count: > 0 } sysctls) return;
        foreach (var (key, value) in sysctls)
            RuntimeSys.WriteFile("/proc/sys/" + key.Replace('.', '/'), value);
    }

    private static void SetOomScoreAdj(InitPlan plan)
    {
        if (plan.Spec.Process?.OomScoreAdj is { } adj)
            RuntimeSys.WriteFile("/proc/self/oom_score_adj", adj.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    internal static void ApplyRlimits(InitPlan plan)
    {
        if (plan.Rlimits.Length > 0) Security.Rlimits.Apply(plan.Rlimits);
    }

    private static void SetPersonality(InitPlan plan)
    {
        if (plan.Spec.Linux?.Personality is not { } p) return;
        nuint domain = p.Domain switch
        {
            "LINUX" => 0,
            "LINUX32" => 8,
            _ => throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"personality domain '{p.Domain}' is not supported"),
        };
        RuntimeSys.Check(personality(domain), "personality", p.Domain);
    }

    internal static void ChangeDirectory(InitPlan plan)
    {
        fixed (byte* p = RuntimeSys.Z(plan.Cwd)) RuntimeSys.Check(LibC.chdir(p), "chdir", plan.Cwd);
    }

    private static void ReportReady(InitPlan plan) => plan.Channel.Send(InitMessageType.Ready);

    /// <summary>Blocks until `start` opens the fifo for reading, then tells it init is there with one byte.</summary>
    private static void WaitForStart(InitPlan plan)
    {
        if (plan.ExecFifoFd < 0) return;
        int fd;
        fixed (byte* p = RuntimeSys.Z(InRoot.ProcFdPath(plan.ExecFifoFd)))
        {
            do fd = LibC.open(p, LibC.O_WRONLY | LibC.O_CLOEXEC, 0);
            while (fd < 0 && RuntimeSys.Errno == LibContainer.Errno.EINTR);
        }
        if (fd < 0) throw SyscallException.FromLastError("open", "exec.fifo");
        RuntimeSys.WriteAll(fd, "0"u8);
        RuntimeSys.Close(fd);
        RuntimeSys.Close(plan.ExecFifoFd);
    }

    private static void RunStartContainerHooks(InitPlan plan)
    {
        if (plan.Spec.Hooks?.StartContainer is { Count: > 0 } hooks)
            HookRunner.Run("startContainer", hooks, plan.HookState(ContainerState.Created, LibC.getpid())); // "running" only once the program runs
    }

    internal static void ApplyCredentials(InitPlan plan)
    {
        if (plan.User.Umask is null) LibC.umask(0x12);
        if (plan.Seccomp is { LoadBeforeCredentials: true } early) early.Apply(plan.HostPid);
        ProcessCredentials.Apply(plan.User, plan.Capabilities, plan.NoNewPrivileges);
    }

    internal static void ApplyLabel(InitPlan plan)
    {
        var p = plan.Spec.Process;
        if (p?.ApparmorProfile is { Length: > 0 } || p?.SelinuxLabel is { Length: > 0 })
            Labels.PrepareExecLabel(p.ApparmorProfile, p.SelinuxLabel);
    }

    /// <summary>Right before seccomp, with the final credentials: a seccomp profile may deny the landlock syscalls (the
    /// default one allows them; a user's may not), and Landlock never restricts seccomp(2). Its rule paths are opened
    /// here, inside the container (docs/security.md, Landlock).</summary>
    internal static void ApplyLandlock(InitPlan plan)
    {
        if (plan.Landlock is { } policy) Security.Landlock.LandlockRestrict.Apply(policy);
    }

    /// <summary>Last before exec, unless the kernel needs it loaded before the credentials (see SeccompProgram).</summary>
    internal static void ApplySeccomp(InitPlan plan)
    {
        if (plan.Seccomp is { LoadBeforeCredentials: false } filter) filter.Apply(plan.HostPid);
    }

    /// <summary>Everything above 2 + preserved fds becomes close-on-exec (the protocol socket then tells the parent
    /// the exec happened by closing).</summary>
    internal static void CloseStrayFds(InitPlan plan)
    {
        for (int fd = 3; fd < 3 + plan.PreserveFds; fd++) LibC.fcntl(fd, 2 /*LibC.F_SETFD*/, 0);
        RuntimeSys.Check(CloseRange((uint)(3 + plan.PreserveFds), uint.MaxValue, 4 /*CLOSE_RANGE_CLOEXEC*/), "close_range");
    }

    internal static void Exec(InitPlan plan)
    {
        PhaseTrace.Flush();
        ExecPath.Exec(plan.ExecPath, plan.Argv, plan.Env);
    }

    internal static void Fail(InitPlan plan, InitMessage error)
    {
        PhaseTrace.Flush();
        try { plan.Channel.Send(error); }
        catch (SyscallException)
        {
            // Nobody listens any more (after `start` the creating process is gone): say it on the container's stderr.
            RuntimeSys.WriteText(2, "nsinit: " + error.Describe() + "\n");
        }
        LibC._exit(error.Errno == LibContainer.Errno.ENOENT ? 127 : error.Errno is LibContainer.Errno.EACCES or LibContainer.Errno.EPERM ? 126 : 1);
    }
}
