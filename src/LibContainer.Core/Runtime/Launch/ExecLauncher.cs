using LibContainer.Config;
using LibContainer.Interop;
using LibContainer.Runtime.Init;
using LibContainer.Runtime.Protocol;
using LibContainer.Runtime.Trace;
using LibContainer.Security;
using LibContainer.Terminal;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Runtime.Launch;

/// <summary>The flags of `exec`, applied over the container's own process (or a whole --process file).</summary>
public sealed class ExecOptions
{
    public required string Id { get; init; }
    public Process? Process { get; init; }
    public string? PidFile { get; init; }
    public string? ConsoleSocket { get; init; }
    public int PreserveFds { get; init; }
    internal int ConsoleSocketFd { get; set; } = -1;
    /// <summary>The container's state, when the caller has read it already.</summary>
    internal ContainerStateRecord? Record { get; init; }
}

/// <summary>The parent side of `exec` (NativeAOT nsinit only: it forks).</summary>
internal static unsafe class ExecLauncher
{
    internal sealed record Started(int Pid, int PidFd, InitChannel Channel);

    public static Started Start(ContainerOperations ops, ExecOptions o)
    {
        var record = o.Record ?? ops.Store.Load(o.Id);
        var status = ops.Status(record);
        if (status is not (ContainerState.Running or ContainerState.Created))
            throw new ContainerException(status == ContainerState.Paused ? ContainerErrorKind.Paused : ContainerErrorKind.NotRunning,
                $"cannot exec in a {status.ToOci()} container", o.Id);
        var process = o.Process ?? throw new ContainerException(ContainerErrorKind.ConfigInvalid, "exec: no process given", o.Id);
        if (process.Args is not { Count: > 0 }) throw new ContainerException(ContainerErrorKind.ConfigInvalid, "exec: process.args must not be empty", o.Id);

        var own = record.Config.Process;
        // The container's Landlock domain confines every process started in it, as its seccomp filter does.
        process.Landlock ??= own?.Landlock;
        bool newLabels = process.ApparmorProfile != own?.ApparmorProfile || process.SelinuxLabel != own?.SelinuxLabel;
        if (ConfigSupport.ProcessRefusals(process, "process", newLabels, HostFacts.Current) is { Count: > 0 } refused)
            throw new ConfigException(refused, "exec", ContainerErrorKind.HostUnsupported);
        PhaseTrace.Mark("open-namespaces");
        var joinFds = OpenNamespaces(record.Pid);
        var (parent, child) = InitChannel.CreatePair();
        int helperPid = -1, pidfd = -1;
        try
        {
            if (o.ConsoleSocket is { Length: > 0 }) o.ConsoleSocketFd = ConsoleSocket.Connect(o.ConsoleSocket);
            var user = ProcessCredentials.Resolve(process.User, record.Rootfs);
            var env = new List<string>(process.Env ?? new List<string>());
            if (!env.Any(e => e.StartsWith("HOME=", StringComparison.Ordinal))) env.Add("HOME=" + user.Home);
            var spec = new Spec { Process = process, Root = record.Config.Root, Linux = record.Config.Linux, Annotations = record.Config.Annotations };
            var caps = Security.Capabilities.Resolve(process.Capabilities);
            var state = new ContainerStateJson { Id = o.Id, Status = status.ToOci(), Pid = record.Pid, Bundle = record.Bundle, Annotations = spec.Annotations };
            var plan = new InitPlan
            {
                Id = o.Id, Spec = spec, Bundle = record.Bundle, Rootfs = record.Rootfs, Channel = child, IsExec = true,
                JoinFds = joinFds, Argv = process.Args.ToArray(), Env = env.ToArray(),
                Cwd = string.IsNullOrEmpty(process.Cwd) ? "/" : process.Cwd,
                Capabilities = caps, User = user,
                Rlimits = Security.Rlimits.Resolve(process.Rlimits), NoNewPrivileges = process.NoNewPrivileges == true,
                Tuning = ProcessTuning.Resolve(process, record.Config.Linux?.MemoryPolicy),
                PreserveFds = o.PreserveFds, ConsoleSocketFd = o.ConsoleSocketFd, CloseInChild = new() { parent.Fd },
                NoNewKeyring = record.NoNewKeyring,
                Seccomp = Security.Seccomp.SeccompCompiler.Build(spec, state, caps, process.NoNewPrivileges == true),
                Landlock = Security.Landlock.LandlockPolicy.ForHost(process.Landlock, ops.Warnings),
            };
            var cgroup = record.CgroupsPath is not null && ops.Cgroups != CgroupDriver.Disabled ? ops.OpenCgroup(record) : null;
            bool processJoinsCgroup = CgroupSelfPlacement.PrepareExec(cgroup, plan);
            RuntimeNativeWarmup.TouchAll();
            PhaseTrace.Mark("clone");
            long rc = Clone((ulong)LibC.SIGCHLD);
            if (rc == 0)
            {
                ExecInit.RunHelper(plan);
                LibC._exit(1);
            }
            if (rc < 0) throw SyscallException.FromLastError("clone", null, "exec helper");
            helperPid = (int)rc;
            CgroupSelfPlacement.CloseExecFds(plan);
            child.Close();
            plan.Seccomp?.Listener?.CloseInParent();
            RuntimeSys.Close(o.ConsoleSocketFd);
            foreach (var j in joinFds) RuntimeSys.Close(j.Fd);

            PhaseTrace.Mark("wait-helper");
            int helperFd = RuntimeSys.Check(PidfdOpen(helperPid), "pidfd_open");
            var m = parent.Receive(helperFd);
            SigInfo info;
            waitid(P_PIDFD, helperFd, &info, WEXITED);
            RuntimeSys.Close(helperFd);
            if (m.ThrowIfError(o.Id) is not { Type: InitMessageType.Pid } p) throw new InitFailedException("exec helper exited unexpectedly", "", "", 0, "", o.Id);
            int pid = p.Value;
            pidfd = RuntimeSys.Check(PidfdOpen(pid), "pidfd_open");

            if (!processJoinsCgroup) cgroup?.Apply(pid);
            parent.Send(InitMessageType.Go, pid);
            PhaseTrace.Mark("wait-exec");
            parent.Receive(pidfd).ThrowIfError(o.Id);
            if (o.PidFile is { Length: > 0 }) ContainerLauncher.WritePidFile(o.PidFile, pid);
            return new Started(pid, pidfd, parent);
        }
        catch
        {
            foreach (var j in joinFds) RuntimeSys.Close(j.Fd);
            if (pidfd >= 0)
            {
                PidfdSendSignal(pidfd, LibC.SIGKILL);
                SigInfo info;
                waitid(P_PIDFD, pidfd, &info, WEXITED);
                RuntimeSys.Close(pidfd);
            }
            parent.Close();
            throw;
        }
    }

    /// <summary>init's namespaces that differ from ours, opened now (by fd, so a pid reuse cannot swap them), in
    /// join order: user first (it grants the rights for the rest), then mnt, then the others.</summary>
    private static List<(int Fd, int Type, string Name)> OpenNamespaces(int initPid)
    {
        var result = new List<(int, int, string)>();
        foreach (var (type, flag, proc) in Namespaces.All)
        {
            string theirs = $"/proc/{initPid}/ns/{proc}";
            if (!File.Exists(theirs)) continue;
            if (SameNamespace(theirs, $"/proc/self/ns/{proc}")) continue;
            result.Add((RuntimeSys.Open(theirs, LibC.O_RDONLY), (int)flag, type));
        }
        return result;
    }

    private static bool SameNamespace(string a, string b)
    {
        try { return new FileInfo(a).LinkTarget == new FileInfo(b).LinkTarget; }
        catch (IOException) { return false; }
    }

    /// <summary>The process to run: the --process file as is, or the container's process with the CLI's overrides.</summary>
    public static Process BuildProcess(Process basis, IReadOnlyList<string> args, string? cwd, IReadOnlyList<string> env,
        string? user, IReadOnlyList<string> caps, bool tty)
    {
        if (cwd is not null && !cwd.StartsWith('/'))
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid --cwd '{ErrorText.Value(cwd)}': cwd must be an absolute path");
        if (env.FirstOrDefault(e => e.IndexOf('=') <= 0) is { } bad)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid --env '{ErrorText.Value(bad)}': expected KEY=VALUE");
        var p = new Process
        {
            Args = args.ToList(), Cwd = cwd ?? basis.Cwd, Terminal = tty, Env = ProcessOverrides.WithEnv(basis.Env, env),
            User = user is null ? basis.User : ProcessOverrides.WithUser(basis.User, user),
            Capabilities = basis.Capabilities, Rlimits = basis.Rlimits, NoNewPrivileges = basis.NoNewPrivileges,
            ApparmorProfile = basis.ApparmorProfile, SelinuxLabel = basis.SelinuxLabel, ConsoleSize = basis.ConsoleSize,
        };
        if (caps.Count > 0)
        {
            var c = basis.Capabilities ?? new LinuxCapabilities();
            List<string> Add(List<string>? set) => (set ?? new()).Concat(caps).Distinct().ToList();
            p.Capabilities = new LinuxCapabilities
            {
                Bounding = Add(c.Bounding), Effective = Add(c.Effective), Permitted = Add(c.Permitted),
                Inheritable = c.Inheritable, Ambient = c.Ambient,
            };
        }
        return p;
    }
}
