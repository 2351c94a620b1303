using LibContainer.Config;
using LibContainer.Rootfs;
using LibContainer.Runtime.Init;
using LibContainer.Runtime.Protocol;
using LibContainer.Security;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Runtime.Launch;

/// <summary>Turns a Spec into the InitPlan, in the parent, before the clone: every parse, lookup and string
/// the child needs is made here, so the child re-parses nothing.</summary>
internal static class InitPlanBuilder
{
    public static InitPlan Build(string id, Spec spec, string bundle, InitChannel childEnd, CreateOptions o, string? cgroupPath, IEnumerable<int> closeInChild, bool unprivileged)
    {
        var process = spec.Process ?? throw new ContainerException(ContainerErrorKind.ConfigInvalid, "config has no process", id);
        if (process.Args is not { Count: > 0 }) throw new ContainerException(ContainerErrorKind.ConfigInvalid, "process.args must not be empty", id);
        ulong flags = (ulong)LibC.SIGCHLD;
        var join = new List<(int, string)>();
        var beforeClone = new List<(int, string)>();
        bool userNs = false, cgroupNs = false, mountNs = false, utsNs = false, timeNs = false;
        foreach (var ns in spec.Linux?.Namespaces ?? new List<LinuxNamespace>())
        {
            ulong f = Namespaces.Flag(ns.Type);
            if (f == CLONE_NEWNS) mountNs = true;
            if (f == CLONE_NEWUTS) utsNs = true;
            if (ns.Path is { Length: > 0 } path)
            {
                if (f == CLONE_NEWPID || f == CLONE_NEWTIME) { beforeClone.Add(((int)f, path)); continue; }
                if (f == CLONE_NEWUSER) join.Insert(0, ((int)f, path));
                else if (f == CLONE_NEWNS) join.Insert(join.Count > 0 && join[0].Item1 == (int)CLONE_NEWUSER ? 1 : 0, ((int)f, path));
                else join.Add(((int)f, path));
                continue;
            }
            if (f == CLONE_NEWUSER) userNs = true;
            if (f == CLONE_NEWCGROUP) { cgroupNs = true; continue; }
            if (f == CLONE_NEWTIME) { timeNs = true; continue; } // unshared by the helper before the clone
            flags |= f;
        }
        if (!mountNs) throw new ContainerException(ContainerErrorKind.ConfigInvalid, "a mount namespace is required (linux.namespaces has no \"mount\")", id);
        if (!utsNs && (spec.Hostname is { Length: > 0 } || spec.Domainname is { Length: > 0 }))
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, "unable to set hostname without a private UTS namespace", id);

        ulong propagation = 0;
        if (spec.Linux?.RootfsPropagation is { Length: > 0 } rp)
        {
            propagation = MountOptions.Parse(null, new[] { rp }).Propagation;
            if (propagation == 0) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid rootfsPropagation '{rp}'", id);
        }

        var rootfs = spec.Root!.Path;
        var user = ProcessCredentials.Resolve(process.User, rootfs);
        var env = new List<string>(process.Env ?? new List<string>());
        if (!env.Any(e => e.StartsWith("HOME=", StringComparison.Ordinal))) env.Add("HOME=" + (user.Home.Length > 0 ? user.Home : "/"));
        int listenFds = int.TryParse(Environment.GetEnvironmentVariable("LISTEN_FDS"), out var lf) ? lf : 0;
        if (listenFds > 0 && !env.Any(e => e.StartsWith("LISTEN_FDS=", StringComparison.Ordinal)))
        {
            env.Add("LISTEN_FDS=" + listenFds);
            env.Add("LISTEN_PID=1");
        }

        var caps = Security.Capabilities.Resolve(process.Capabilities);
        var state = new ContainerStateJson { Id = id, Status = ContainerState.Creating.ToOci(), Bundle = bundle, Annotations = spec.Annotations };
        return new InitPlan
        {
            Id = id, Spec = spec, Bundle = bundle, Rootfs = rootfs, Channel = childEnd,
            CloneFlags = flags, NewUserNamespace = userNs, Unprivileged = unprivileged, NewCgroupNamespace = cgroupNs, JoinNamespaces = join,
            JoinBeforeClone = beforeClone, NewTimeNamespace = timeNs,
            RootPropagation = propagation, NoPivot = o.NoPivot, CgroupPath = cgroupPath,
            HostCgroupMounts = spec.Mounts?.Any(m => m.Type is "cgroup" or "cgroup2") == true ? CgroupMount.FromHost() : null,
            ExecFifoPath = o.ExecFifoPath,
            Argv = process.Args.ToArray(), Env = env.ToArray(), Cwd = string.IsNullOrEmpty(process.Cwd) ? "/" : process.Cwd,
            Capabilities = caps,
            User = user,
            Rlimits = Security.Rlimits.Resolve(process.Rlimits),
            NoNewPrivileges = process.NoNewPrivileges == true,
            Tuning = ProcessTuning.Resolve(process, spec.Linux?.MemoryPolicy),
            NoNewKeyring = o.NoNewKeyring,
            DieWithParent = o.DieWithParent,
            PreserveFds = o.PreserveFds + listenFds,
            ConsoleSocketFd = o.ConsoleSocketFd,
            CloseInChild = closeInChild.ToList(),
            Seccomp = Security.Seccomp.SeccompCompiler.Build(spec, state, caps, process.NoNewPrivileges == true),
            Landlock = Security.Landlock.LandlockPolicy.ForHost(process.Landlock, []),
        };
    }
}
