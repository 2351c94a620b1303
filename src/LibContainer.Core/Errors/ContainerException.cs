namespace LibContainer;

/// <summary>The stable error kinds: the seed's (libcontainer's ErrorCode), then what the runtime adds. Names and
/// order never change (engines and scripts read them from the JSON log and the module's error ids); new kinds go last.
/// docs/errors.md has the table of kinds, exit codes, error ids and categories.</summary>
public enum ContainerErrorKind
{
    IdInUse,
    InvalidId,
    NotFound,
    Destroyed,
    Paused,
    NotRunning,
    Running,
    ConfigInvalid,
    InitFailed,
    SystemError,
    /// <summary>The config is valid but this host cannot run it (a capability outside the bounding set, a missing
    /// cgroup controller, namespace or page size, an LSM that is not enabled): `nsinit check` lists them all.</summary>
    HostUnsupported,
    /// <summary>A system call outside the container's init was refused (EPERM, EACCES).</summary>
    PermissionDenied,
    /// <summary>An OCI hook failed (non-zero exit, killed, or could not be started).</summary>
    HookFailed,
    /// <summary>Something did not finish in the time it was given (a hook's timeout).</summary>
    Timeout,
}

/// <summary>Base of the library's typed errors: <see cref="Kind"/> says which kind it is; the other properties say
/// where it happened, when known (the JSON log carries each as a field).</summary>
public class ContainerException : Exception
{
    public ContainerException(ContainerErrorKind kind, string message, string? containerId = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        ContainerId = containerId;
    }

    public ContainerErrorKind Kind { get; }
    public string? ContainerId { get; }
    /// <summary>The container init's step that failed (ContainerInit's step names).</summary>
    public string? Step { get; init; }
    /// <summary>The system call that failed.</summary>
    public string? Syscall { get; init; }
    /// <summary>Its errno (0: no system call failed).</summary>
    public int Errno { get; init; }
    /// <summary>The file or program it acted on.</summary>
    public string? Path { get; init; }
    /// <summary>The config field it is about (runtime-spec JSON path, e.g. `process.capabilities.bounding[3]`).</summary>
    public string? JsonPath { get; init; }
}
