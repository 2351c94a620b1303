using System.Globalization;
using System.Text;
using LibContainer.Cgroups;
using LibContainer.Config;
using LibContainer.Interop;
using LibContainer.Runtime.Init;
using LibContainer.Runtime.Protocol;
using LibContainer.Runtime.Trace;
using LibContainer.Security;
using static LibContainer.Interop.RuntimeNative;

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
        PhaseTrace.Mark("state-lock");
        string bundle = Path.GetFullPath(o.Bundle);
        using var stateLock = store.CreateAndLock(o.Id);
        TestKillPoint.Hit("state-dir");
        // Written before anything is made, and again as each thing is made: a create killed at any moment leaves a
        // record from which `delete --force` removes it all (cgroups carry owner marks: only ours are removed).
        var record = new ContainerStateRecord
        {
            Id = o.Id, Bundle = bundle, Rootfs = spec.Root!.Path, Created = DateTime.UtcNow, Status = ContainerStatusProbe.Creating,
            NoNewKeyring = o.NoNewKeyring, Config = spec,
        };
        ICgroupManager? cgroup = null;
        int pid = -1, pidfd = -1, fifoFd = -1;
        InitChannel? parentEnd = null;
        LibContainer.Network.AttachResult? network = null;
        try
        {
            PhaseTrace.Mark("cgroup-create");
            if (o.Cgroups != CgroupDriver.Disabled)
            {
                var opened = CgroupManagerFactory.Open(spec.Linux?.CgroupsPath, o.Id, o.Cgroups == CgroupDriver.Systemd);
                record.CgroupsPath = opened.Path;
                record.CgroupPaths = opened.Paths.ToDictionary(p => p.Key, p => p.Value);
                store.Save(record);
                TestKillPoint.Hit("recorded");
                opened.Create();
                TestKillPoint.Hit("cgroup");
                cgroup = opened; // only now ours to Destroy: a refused cgroup belongs to whoever runs in it
            }
            PhaseTrace.Mark("exec-fifo");
            o.ExecFifoPath = store.ExecFifoPath(o.Id);
            fixed (byte* f = RuntimeSys.Z(o.ExecFifoPath))
            {
                RuntimeSys.Check(mkfifo(f, 0x180 /*0600*/), "mkfifo", o.ExecFifoPath);
                // init reopens it for writing as the container's root: in a user namespace that is another host uid.
                if (ContainerRootOnHost(spec) is { } owner)
                    RuntimeSys.Check(fchownat(AT_FDCWD, f, owner.Uid, owner.Gid, 0), "chown", o.ExecFifoPath);
            }
            // Opened here (O_PATH) and inherited by init: the state directory is never reachable from init's side.
            fifoFd = RuntimeSys.Open(o.ExecFifoPath, O_PATH);
            if (o.ConsoleSocket is { Length: > 0 }) o.ConsoleSocketFd = ConsoleSocketClient.Connect(o.ConsoleSocket);

            PhaseTrace.Mark("plan");
            var (parent, child) = InitChannel.CreatePair();
            parentEnd = parent;
            var plan = InitPlanBuilder.Build(o.Id, spec, bundle, child, o, cgroup?.Path, new[] { stateLock.Fd, parent.Fd });
            plan.ExecFifoFd = fifoFd;
            using var idmapped = Rootfs.IdmappedMounts.Prepare(spec, bundle, o.Id);
            plan.IdmappedTrees = idmapped.Trees;
            var placement = CgroupSelfPlacement.Prepare(cgroup, plan);
            JoinParentSideNamespaces(spec);
            RuntimeNativeWarmup.TouchAll();

            PhaseTrace.Mark("clone");
            long rc = placement.Clone(plan.CloneFlags);
            if (rc == 0)
            {
                ContainerInit.Run(plan);
                Exit(1); // not reached: Run ends in execve or _exit
            }
            if (rc < 0) throw SyscallException.FromLastError("clone", null, "container init");
            pid = (int)rc;
            TestKillPoint.Hit("cloned");
            record.Pid = pid;
            record.PidStartTime = ContainerStatusProbe.ReadStat(pid)?.StartTime ?? 0;
            store.Save(record);
            TestKillPoint.Hit("pid-recorded");
            placement.AfterClone();
            child.Close();
            plan.Seccomp?.Listener?.CloseInParent();
            RuntimeSys.Close(o.ConsoleSocketFd);
            RuntimeSys.Close(fifoFd);
            fifoFd = -1;
            pidfd = RuntimeSys.Check(PidfdOpen(pid), "pidfd_open");

            PhaseTrace.Mark("id-maps-limits");
            if (plan.NewUserNamespace) WriteIdMaps(pid, spec);
            if (plan.NewCgroupNamespace) placement.ParentPlaces(pid); // the namespace root must be the container's cgroup
            // Limits go in before init joins late (a memory limit below the usage of a task already inside is EBUSY);
            // with a cgroup namespace init is inside from the start, and they wait until its setup is done.
            else cgroup?.Set(DefaultDeviceRules.WithDefaults(spec));
            PhaseTrace.Mark("network");
            network = ContainerNetwork.SetUp(spec, pid); // init's netns exists since the clone; it waits for Go
            parent.Send(InitMessageType.Go, pid);
            TestKillPoint.Hit("go");
            PhaseTrace.Mark("wait-init-ready");
            while (true)
            {
                var m = parent.Receive(pidfd) ?? throw InitDied(o.Id, pidfd);
                if (m.Type == InitMessageType.Error)
                    throw new InitFailedException(m.Describe(), m.Step, m.Syscall, m.Errno, m.Path, o.Id);
                if (m.Type == InitMessageType.Ready) break;
                if (m.Type != InitMessageType.RunRuntimeHooks)
                    throw new ContainerException(ContainerErrorKind.SystemError, $"init protocol: unexpected {m.Type}", o.Id);
                PhaseTrace.Mark("runtime-hooks");
                var state = plan.HookState(ContainerStatusProbe.Creating, pid);
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
            record.Status = ContainerStatusProbe.Created;
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
                Warning = Labels.DegradeWarning(spec.Process?.ApparmorProfile, spec.Process?.SelinuxLabel),
                Debug = plan.Seccomp?.SkippedMessage,
            };
        }
        catch
        {
            ContainerNetwork.RollBack(network); // while init lives: its dying netns would take the veth away asynchronously
            if (pidfd >= 0)
            {
                PidfdSendSignal(pidfd, SIGKILL);
                SigInfo info;
                waitid(P_PIDFD, pidfd, &info, WEXITED);
                RuntimeSys.Close(pidfd);
            }
            else if (pid > 0)
            {
                kill(pid, SIGKILL);
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
            how = info.Code == CLD_EXITED ? $"exited with status {info.Status}" : $"was killed by signal {info.Status}";
        return new InitFailedException($"container init {how} during setup", "", "", 0, "", id);
    }

    /// <summary>pid and time namespaces apply to children, so the parent enters/creates them right before the clone.</summary>
    private static void JoinParentSideNamespaces(Spec spec)
    {
        foreach (var ns in spec.Linux?.Namespaces ?? new List<LinuxNamespace>())
        {
            if (ns.Type == "pid" && ns.Path is { Length: > 0 } p)
            {
                int fd = RuntimeSys.Open(p, O_RDONLY);
                try { RuntimeSys.Check(setns(fd, (int)CLONE_NEWPID), "setns", p); }
                finally { RuntimeSys.Close(fd); }
            }
            if (ns.Type == "time" && ns.Path is not { Length: > 0 })
            {
                RuntimeSys.Check(unshare((int)CLONE_NEWTIME), "unshare", "CLONE_NEWTIME");
                if (spec.Linux?.TimeOffsets is { Count: > 0 } offsets)
                {
                    var text = new StringBuilder();
                    foreach (var (clock, off) in offsets)
                        text.Append(CultureInfo.InvariantCulture, $"{clock} {off.Secs} {off.Nanosecs}\n");
                    RuntimeSys.WriteFile("/proc/self/timens_offsets", text.ToString());
                }
            }
        }
    }

    /// <summary>Host uid/gid of the container's root when it has a new user namespace, else null.</summary>
    private static (uint Uid, uint Gid)? ContainerRootOnHost(Spec spec)
    {
        if (spec.Linux?.Namespaces?.Any(n => n.Type == "user" && string.IsNullOrEmpty(n.Path)) != true) return null;
        static uint? Map(List<IdMapping>? maps) => maps?.FirstOrDefault(m => m.ContainerId == 0 && m.Size > 0) is { } m ? m.HostId : null;
        return Map(spec.Linux.UidMappings) is { } u && Map(spec.Linux.GidMappings) is { } g ? (u, g) : null;
    }

    private static void WriteIdMaps(int pid, Spec spec)
    {
        var uid = spec.Linux?.UidMappings;
        var gid = spec.Linux?.GidMappings;
        if (uid is not { Count: > 0 } || gid is not { Count: > 0 })
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, "a user namespace needs linux.uidMappings and linux.gidMappings");
        RuntimeSys.WriteFile($"/proc/{pid}/uid_map", Rootfs.IdmappedMounts.MapLines(uid));
        RuntimeSys.WriteFile($"/proc/{pid}/gid_map", Rootfs.IdmappedMounts.MapLines(gid));
    }

    public static void WritePidFile(string path, int pid)
    {
        string full = Path.GetFullPath(path), tmp = full + ".tmp";
        File.WriteAllText(tmp, pid.ToString(CultureInfo.InvariantCulture));
        File.Move(tmp, full, overwrite: true);
    }
}
