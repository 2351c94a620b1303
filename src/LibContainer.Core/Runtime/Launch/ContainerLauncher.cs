using System.Globalization;
using LibContainer.Cgroups;
using LibContainer.Config;
using LibContainer.Interop;
using LibContainer.Runtime.Protocol;
using LibContainer.Runtime.Trace;
using LibContainer.Security;
using LibContainer.Terminal;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Runtime.Launch;

/// <summary>The parent side of `create`: the fork-style clone of init and its supervision until "ready".
/// ONLY for the NativeAOT nsinit process (single-mutator until the clone); a JIT host must spawn nsinit instead.</summary>
internal static unsafe class ContainerLauncher
{
    /// <summary>A created container: init's pid and a pidfd, and the parent's end of the protocol socket.</summary>
    internal sealed record Launched(int Pid, int PidFd, InitChannel Channel, ContainerStateRecord Record)
    {
        /// <summary>Non-fatal: what the container runs without on this host (e.g. a label the kernel cannot apply).</summary>
        public string? Warning { get; init; }
        /// <summary>For --debug: e.g. the seccomp syscall names this libseccomp does not know.</summary>
        public string? Debug { get; init; }
    }

    public static Launched Create(StateStore store, Spec spec, CreateOptions o)
    {
        PhaseTrace.Mark("host-check");
        string bundle = Path.GetFullPath(o.Bundle);
        var rootless = RootlessLaunch.Prepare(spec, o);
        HostCheck.ThrowIfRefused(spec, o.Cgroups != CgroupDriver.Disabled && rootless.UsesCgroup);
        PhaseTrace.Mark("state-lock");
        using var stateLock = store.CreateAndLock(o.Id);
        TestKillPoint.Hit("state-dir");
        // Written before anything is made, and again as each thing is made: a create killed at any moment leaves a
        // record from which `delete --force` removes it all (cgroups carry owner marks: only ours are removed).
        var record = new ContainerStateRecord
        {
            Id = o.Id, Bundle = bundle, Rootfs = spec.Root!.Path, Created = DateTime.UtcNow, Status = ContainerState.Creating,
            NoNewKeyring = o.NoNewKeyring, Config = spec, Owner = rootless.Owner,
        };
        ICgroupManager? cgroup = null;
        int pid = -1, pidfd = -1, fifoFd = -1;
        InitChannel? parentEnd = null;
        LibContainer.Network.AttachResult? network = null;
        bool devicesMoved = false;
        try
        {
            PhaseTrace.Mark("cgroup-create");
            if (o.Cgroups != CgroupDriver.Disabled && rootless.UsesCgroup)
            {
                var opened = rootless.Delegated is { } delegated
                    ? CgroupManagerFactory.Open(RootlessLaunch.CgroupPath(delegated.Path, spec, o.Id), o.Id, false, delegated.Host)
                    : CgroupManagerFactory.Open(spec.Linux?.CgroupsPath, o.Id, o.Cgroups == CgroupDriver.Systemd);
                record.CgroupsPath = opened.Path;
                record.CgroupPaths = opened.Paths.ToDictionary(p => p.Key, p => p.Value);
                store.Save(record);
                TestKillPoint.Hit("recorded");
                opened.StateRoot = store.Root;
                opened.Create();
                TestKillPoint.Hit("cgroup");
                cgroup = opened; // only now ours to Destroy: a refused cgroup belongs to whoever runs in it
            }
            o.ExecFifoPath = store.ExecFifoPath(o.Id);
            if (o.ConsoleSocket is { Length: > 0 }) o.ConsoleSocketFd = ConsoleSocket.Connect(o.ConsoleSocket);
            PhaseTrace.Mark("plan");
            var (parent, child) = InitChannel.CreatePair();
            parentEnd = parent;
            var plan = InitPlanBuilder.Build(o.Id, spec, bundle, child, o, cgroup?.Path, new[] { stateLock.Fd, parent.Fd }, rootless.Unprivileged);
            PhaseTrace.Mark("exec-fifo");
            fixed (byte* f = RuntimeSys.Z(o.ExecFifoPath))
            {
                RuntimeSys.Check(LibC.mkfifo(f, 0x180 /*0600*/), "mkfifo", o.ExecFifoPath);
                // init reopens it for writing after its credentials are applied: owned by the process's user (its host ids).
                var (uid, gid) = ProcessUserOnHost(spec, plan.User);
                if (!rootless.Unprivileged && (uid != 0 || gid != 0)) RuntimeSys.Check(LibC.fchownat(LibC.AT_FDCWD, f, uid, gid, 0), "chown", o.ExecFifoPath);
                // A user cannot give a file away: writable by all instead (only init's inherited fd reaches it: the state
                // directory is the user's, mode 0700).
                else if (rootless.Unprivileged && (uid != rootless.Caller!.Uid || gid != rootless.Caller.Gid)) RuntimeSys.Check(LibC.chmod(f, 0x192 /*0622*/), "chmod", o.ExecFifoPath);
            }
            // Opened here (O_PATH) and inherited by init: the state directory is never reachable from init's side.
            fifoFd = RuntimeSys.Open(o.ExecFifoPath, LibC.O_PATH);
            plan.ExecFifoFd = fifoFd;
            using var idmapped = Rootfs.IdmappedMounts.Prepare(spec, bundle, o.Id);
            plan.IdmappedTrees = idmapped.Trees;
            var placement = CgroupSelfPlacement.Prepare(cgroup, plan);
            RuntimeNativeWarmup.TouchAll();
            PhaseTrace.Mark("clone");
            pid = InitClone.Clone(plan, placement, parent, o.Id);
            TestKillPoint.Hit("cloned");
            record.Pid = pid;
            record.PidStartTime = ProcStat.Read(pid)?.StartTime ?? 0;
            store.Save(record);
            cgroup?.MarkInit(pid, record.PidStartTime);
            TestKillPoint.Hit("pid-recorded");
            placement.AfterClone();
            child.Close();
            plan.Seccomp?.Listener?.CloseInParent();
            RuntimeSys.Close(o.ConsoleSocketFd);
            RuntimeSys.Close(fifoFd);
            fifoFd = -1;
            pidfd = RuntimeSys.Check(PidfdOpen(pid), "pidfd_open");

            PhaseTrace.Mark("id-maps-limits");
            if (plan.NewUserNamespace) IdMapWriter.Write(pid, spec, rootless.Caller!);
            if (plan.NewCgroupNamespace) placement.ParentPlaces(pid); // the namespace root must be the container's cgroup
            // Limits go in before init joins late (a memory limit below the usage of a task already inside is EBUSY);
            // with a cgroup namespace init is inside from the start, and they wait until its setup is done.
            else cgroup?.Set(DefaultDeviceRules.WithDefaults(spec));
            PhaseTrace.Mark("network");
            // init's netns exists since the clone; it waits for Go (unprivileged: init brings its loopback up itself)
            if (!rootless.Unprivileged || SpecNetworks.GetNetworks(spec).Any(n => n.Type != LibContainer.Network.NetworkTypes.Loopback))
                network = ContainerNetwork.SetUp(spec, pid);
            if (spec.Linux?.NetDevices is { Count: > 0 } devices)
            {
                LibContainer.Network.NetDeviceMove.MoveIn(devices, pid);
                devicesMoved = true;
            }
            parent.Send(InitMessageType.Go, pid);
            TestKillPoint.Hit("go");
            PhaseTrace.Mark("wait-init-ready");
            while (true)
            {
                var m = parent.Receive(pidfd).ThrowIfError(o.Id) ?? throw InitDied(o.Id, pidfd);
                if (m.Type == InitMessageType.Ready) break;
                if (m.Type != InitMessageType.RunRuntimeHooks)
                    throw new ContainerException(ContainerErrorKind.SystemError, $"init protocol: unexpected {m.Type}", o.Id);
                PhaseTrace.Mark("runtime-hooks");
                // The spec's lifecycle: prestart and createRuntime run after the create step (2), so "created".
                var state = plan.HookState(ContainerState.Created, pid);
                HookRunner.Run("prestart", spec.Hooks?.Prestart, state);
                HookRunner.Run("createRuntime", spec.Hooks?.CreateRuntime, state);
                parent.Send(InitMessageType.HooksDone);
            }

            TestKillPoint.Hit("ready");
            // Joined late: init's own setup is not charged to the container (a 512 KiB limit still runs /bin/true).
            PhaseTrace.Mark("cgroup-join");
            if (plan.NewCgroupNamespace) cgroup?.Set(DefaultDeviceRules.WithDefaults(spec));
            else placement.ParentPlaces(pid);

            PhaseTrace.Mark("state-save");
            record.Status = ContainerState.Created;
            record.CgroupsPath = cgroup?.Path;
            record.CgroupPaths = cgroup?.Paths.ToDictionary(p => p.Key, p => p.Value);
            record.NamespacePaths = Namespaces.All.Where(n => (plan.CloneFlags & n.Flag) != 0 || (n.Flag == CLONE_NEWCGROUP && plan.NewCgroupNamespace))
                .ToDictionary(n => n.Type, n => $"/proc/{pid}/ns/{n.ProcName}");
            record.HostInterfaces = network?.HostInterfaces.ToList();
            record.RemoveBridges = ContainerNetwork.BridgesToRemove(spec, network);
            store.Save(record);
            TestKillPoint.Hit("saved");
            if (o.PidFile is { Length: > 0 }) WritePidFile(o.PidFile, pid);
            return new Launched(pid, pidfd, parent, record)
            {
                Warning = string.Join("; ", new[]
                {
                    ConfigSupport.LabelWarning(spec),
                    Capabilities.UnavailableWarning(spec.Process?.Capabilities, Capabilities.LastCap()),
                    Security.Landlock.LandlockPolicy.DegradeWarning(spec.Process?.Landlock),
                }.OfType<string>()) is { Length: > 0 } w ? w : null,
                Debug = plan.Seccomp?.SkippedMessage,
            };
        }
        catch
        {
            ContainerNetwork.RollBack(network); // while init lives: its dying netns would take the veth away asynchronously
            if (devicesMoved) LibContainer.Network.NetDeviceMove.ReturnToRuntime(spec.Linux!.NetDevices!, pid, new List<string>());
            if (pidfd >= 0)
            {
                PidfdSendSignal(pidfd, LibC.SIGKILL);
                SigInfo info;
                waitid(P_PIDFD, pidfd, &info, WEXITED);
                RuntimeSys.Close(pidfd);
            }
            else if (pid > 0)
            {
                LibC.kill(pid, LibC.SIGKILL);
                SigInfo info;
                waitid(P_PID, pid, &info, WEXITED);
            }
            parentEnd?.Close();
            RuntimeSys.Close(fifoFd);
            try { cgroup?.Destroy(); } catch (Exception) { }
            store.Remove(o.Id);
            throw;
        }
    }

    private static ContainerException InitDied(string id, int pidfd)
    {
        SigInfo info;
        string how = "exited";
        if (waitid(P_PIDFD, pidfd, &info, WEXITED | WNOWAIT | WNOHANG) == 0 && info.Pid != 0)
            how = info.Code == LibC.CLD_EXITED ? $"exited with status {info.Status}" : $"was killed by signal {info.Status}";
        return new InitFailedException($"container init {how} during setup", "", "", 0, "", id);
    }

    /// <summary>Host uid/gid of the container's process user: mapped through linux.uid/gidMappings when the container
    /// has a new user namespace (an unmapped id stays as is: init fails on it anyway).</summary>
    private static (uint Uid, uint Gid) ProcessUserOnHost(Spec spec, ResolvedUser user)
    {
        if (spec.Linux?.Namespaces?.Any(n => n.Type == "user" && string.IsNullOrEmpty(n.Path)) != true) return (user.Uid, user.Gid);
        static uint Map(List<IdMapping>? maps, uint id) =>
            maps?.FirstOrDefault(m => id >= m.ContainerId && id - m.ContainerId < m.Size) is { } m ? m.HostId + (id - m.ContainerId) : id;
        return (Map(spec.Linux.UidMappings, user.Uid), Map(spec.Linux.GidMappings, user.Gid));
    }

    public static void WritePidFile(string path, int pid)
    {
        string full = Path.GetFullPath(path), tmp = full + ".tmp";
        File.WriteAllText(tmp, pid.ToString(CultureInfo.InvariantCulture));
        File.Move(tmp, full, overwrite: true);
    }
}
