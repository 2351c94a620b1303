using LibContainer.Config;
using LibContainer.Runtime.Protocol;
using LibContainer.Security;

namespace LibContainer.Runtime.Init;

/// <summary>Everything init needs, computed by the parent BEFORE the clone. The child sees it through the
/// fork-style clone (a copy of the parent's memory), so nothing is serialized or re-parsed in the child.</summary>
internal sealed class InitPlan
{
    public required string Id { get; init; }
    public required Spec Spec { get; init; }
    public required string Bundle { get; init; }
    /// <summary>Absolute host path of the rootfs.</summary>
    public required string Rootfs { get; init; }
    public required InitChannel Channel { get; init; }

    /// <summary>Flags for the clone: CLONE_NEW* for every namespace to create, plus SIGCHLD.</summary>
    public ulong CloneFlags { get; init; }
    public bool NewUserNamespace { get; init; }
    /// <summary>Unshared by init after "go" (the parent joined the cgroup first, so the namespace root is right).</summary>
    public bool NewCgroupNamespace { get; init; }
    /// <summary>Namespaces joined by path in init: (CLONE_NEW* type, path), user first.</summary>
    public List<(int Type, string Path)> JoinNamespaces { get; init; } = new();
    /// <summary>pid and time namespaces given by path: they apply to children only, so a throw-away helper joins
    /// them and clones init (InitClone); nsinit itself never enters them.</summary>
    public List<(int Type, string Path)> JoinBeforeClone { get; init; } = new();
    /// <summary>A new time namespace: the helper unshares it and writes linux.timeOffsets before cloning init.</summary>
    public bool NewTimeNamespace { get; init; }

    public ulong RootPropagation { get; init; }
    /// <summary>Index in spec.mounts → detached idmapped tree (open_tree fd) the parent made; init attaches it.</summary>
    public IReadOnlyDictionary<int, int> IdmappedTrees { get; set; } = new Dictionary<int, int>();
    public bool NoPivot { get; init; }
    public string? CgroupPath { get; init; }
    /// <summary>v1 "tasks" files init writes "0" into to join its cgroup by itself (see CgroupManager.SelfPlacement);
    /// empty: the parent places it.</summary>
    public IReadOnlyList<string> CgroupTasksFiles { get; set; } = Array.Empty<string>();
    /// <summary>Those files, opened by init while the host's /sys/fs/cgroup is still visible.</summary>
    public List<int> CgroupTasksFds { get; } = new();
    /// <summary>exec: the cgroup2 directory the exec'd process is cloned into (-1: none), and the container's cgroup
    /// namespace, which the process joins only after its cgroups (clone3 into cgroup2 must happen outside it).</summary>
    public int CgroupIntoFd { get; set; } = -1;
    public int DeferredCgroupNsFd { get; set; } = -1;
    /// <summary>The host's cgroup hierarchies for the "cgroup" mount, read by the parent; null: init reads mountinfo.</summary>
    public List<Rootfs.CgroupMount.Hierarchy>? HostCgroupMounts { get; init; }
    public string? ExecFifoPath { get; init; }

    public string[] Argv { get; init; } = Array.Empty<string>();
    public string[] Env { get; init; } = Array.Empty<string>();
    public string Cwd { get; init; } = "/";
    public CapabilitySets Capabilities { get; init; }
    public ResolvedUser User { get; init; } = new(0, 0, Array.Empty<uint>(), "/", null);
    public ResolvedRlimit[] Rlimits { get; init; } = Array.Empty<ResolvedRlimit>();
    public bool NoNewPrivileges { get; init; }
    /// <summary>process.scheduler, ioPriority, execCPUAffinity and linux.memoryPolicy, resolved.</summary>
    public ProcessTuning Tuning { get; init; } = new();
    /// <summary>--no-new-keyring: keep the caller's session keyring instead of joining "_ses.&lt;id&gt;".</summary>
    public bool NoNewKeyring { get; init; }

    /// <summary>create --supervise: init gets SIGKILL when its parent, the supervisor, dies (PR_SET_PDEATHSIG).</summary>
    public bool DieWithParent { get; init; }

    /// <summary>fds 3..3+N-1 passed through to the process (--preserve-fds and LISTEN_FDS).</summary>
    public int PreserveFds { get; init; }
    /// <summary>Connected --console-socket (or the foreground run's socket) for the pty master; -1 without a terminal.</summary>
    public int ConsoleSocketFd { get; init; } = -1;
    /// <summary>Parent-only fds init closes first (the state lock, so `start` is not blocked by init holding it).</summary>
    public List<int> CloseInChild { get; init; } = new();

    /// <summary>exec: namespace fds of the running container, in join order (user, mnt, others).</summary>
    public List<(int Fd, int Type, string Name)> JoinFds { get; init; } = new();
    /// <summary>exec: a process joining a running container (no rootfs setup, no /dev/console).</summary>
    public bool IsExec { get; init; }

    public bool HasRuntimeHooks => Spec.Hooks?.Prestart is { Count: > 0 } || Spec.Hooks?.CreateRuntime is { Count: > 0 };
    public ContainerStateJson HookState(ContainerState status, int pid) => new()
    {
        Id = Id, Status = status.ToOci(), Pid = pid, Bundle = Bundle, Annotations = Spec.Annotations,
    };

    /// <summary>linux.seccomp compiled by the parent (null: no filter).</summary>
    public Security.Seccomp.SeccompProgram? Seccomp { get; init; }

    // Filled in by init as it goes.
    /// <summary>This process's pid as the runtime sees it (the Go message's value).</summary>
    public int HostPid { get; set; }
    public int RootFd { get; set; } = -1;
    public int ExecFifoFd { get; set; } = -1;
    public string ExecPath { get; set; } = "";
}
