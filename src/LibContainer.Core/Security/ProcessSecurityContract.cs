using LibContainer.Config;

namespace LibContainer.Security;

// Contract between the runtime (init steps) and the security helpers. The `security` branch replaces these
// NotImplemented stubs (moving each class to its own file); signatures may grow but not break. Everything that runs in init must be single-threaded,
// allocation-light, never touch Console, and throw SyscallException on failure.

/// <summary>The five capability sets as bit masks (bit n = capability n).</summary>
public readonly record struct CapabilitySets(ulong Bounding, ulong Effective, ulong Permitted, ulong Inheritable, ulong Ambient);

/// <summary>process.user resolved against the container's /etc/passwd and /etc/group.</summary>
public sealed record ResolvedUser(uint Uid, uint Gid, uint[] AdditionalGids, string Home, uint? Umask);

/// <summary>An rlimit ready for prlimit: resource number and values.</summary>
public readonly record struct ResolvedRlimit(int Resource, ulong Soft, ulong Hard);

public static class Capabilities
{
    /// <summary>Parses the sets (names with or without CAP_); unknown names throw ContainerException(ConfigInvalid).</summary>
    public static CapabilitySets Resolve(LinuxCapabilities? caps) => throw new NotImplementedException();
}

public static class ProcessCredentials
{
    /// <summary>Reads rootfs/etc/passwd and /etc/group (before pivot_root) to fill additional groups and HOME.</summary>
    public static ResolvedUser Resolve(User user, string rootfsPath) => throw new NotImplementedException();

    /// <summary>In init, last before seccomp and execve: setgroups, setresgid, setresuid (keeping caps),
    /// bounding drop, capset, ambient raise, umask, no_new_privs.</summary>
    public static void Apply(ResolvedUser user, CapabilitySets caps, bool noNewPrivileges) => throw new NotImplementedException();
}

public static class Rlimits
{
    public static ResolvedRlimit[] Resolve(IReadOnlyList<PosixRlimit>? rlimits) => throw new NotImplementedException();
    public static void Apply(ResolvedRlimit[] limits) => throw new NotImplementedException();
}

public static class HookRunner
{
    /// <summary>Runs the hooks of one phase in order with the state JSON on stdin, honouring timeouts, without threads
    /// (posix_spawn + poll). A failing hook throws ContainerException naming the phase, path, exit status and stderr.</summary>
    public static void Run(string phase, IReadOnlyList<Hook>? hooks, ContainerStateJson state) => throw new NotImplementedException();
}

public static class Labels
{
    /// <summary>Applies (or, on a kernel without the LSM, reports why it cannot) the AppArmor profile / SELinux label
    /// for the next execve. Returns a warning text when it degraded, else null.</summary>
    public static string? PrepareExecLabel(string? apparmorProfile, string? selinuxLabel) => throw new NotImplementedException();
}
