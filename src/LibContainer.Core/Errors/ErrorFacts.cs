using System.Text.Json;

namespace LibContainer;

/// <summary>What any failure says about itself, typed: its stable kind and, where known, the init step, system call,
/// errno, path and config JSON path. The one classification the CLI's JSON log and the module's error ids read.</summary>
public sealed record ErrorFacts(ContainerErrorKind Kind, string? Step = null, string? Syscall = null, int Errno = 0,
    string? Path = null, string? JsonPath = null)
{
    public static ErrorFacts Of(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            // A ContainerException that wraps a failed system call (a hook that could not be spawned) takes its fields.
            ContainerException { Errno: 0, InnerException: SyscallException s } c =>
                new(c.Kind, c.Step, s.Syscall, s.Errno, c.Path ?? s.Path, c.JsonPath),
            ContainerException c => new(c.Kind, c.Step, c.Syscall, c.Errno, c.Path, c.JsonPath),
            SyscallException s => new(KindOf(s.Errno), null, s.Syscall, s.Errno, s.Path),
            IOException or UnauthorizedAccessException => Of(IoErrors.ToSyscall(e, IoErrors.LikelyOp(IoErrors.ErrnoOf(e)))),
            JsonException => new(ContainerErrorKind.ConfigInvalid),
            _ => new(ContainerErrorKind.SystemError),
        };
    }

    /// <summary>The kind of a failed system call outside init: refused (EPERM, EACCES) or any other failure.</summary>
    public static ContainerErrorKind KindOf(int errno) =>
        errno is LibContainer.Errno.EPERM or LibContainer.Errno.EACCES ? ContainerErrorKind.PermissionDenied : ContainerErrorKind.SystemError;
}
