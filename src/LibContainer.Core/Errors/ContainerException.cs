namespace LibContainer;

/// <summary>The seed's error kinds (libcontainer's ErrorCode), plus what the runtime adds.</summary>
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
}

/// <summary>Base of the library's typed errors; <see cref="Kind"/> says which of the seed's error kinds it is.</summary>
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
}
