namespace LibContainer.Runtime;

/// <summary>The container's init failed a setup step: which step, which syscall, errno and path (the base's fields).
/// The message is the user-facing text (e.g. `exec "/bin/shh": no such file or directory`).</summary>
public sealed class InitFailedException : ContainerException
{
    public InitFailedException(string message, string step, string syscall, int errno, string path, string? containerId)
        : base(ContainerErrorKind.InitFailed, message, containerId)
    {
        Step = step;
        Syscall = syscall;
        Errno = errno;
        Path = path;
    }
}
