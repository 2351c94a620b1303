using System.Text.Json;
using LibContainer.Config;

namespace LibContainer.Cli;

/// <summary>Words any exception that reaches the CLI's boundary in the project's own terms:
/// `op 'path': reason (ERRNO)` for system and file errors, the JSON position for JSON errors, and the error kind
/// the JSON log carries.</summary>
internal static class CliErrors
{
    /// <summary>The errno the JSON log carries beside the kind (0 when no system call failed).</summary>
    public static int Errno(Exception e) => e switch
    {
        LibContainer.Runtime.InitFailedException f => f.Errno,
        SyscallException s => s.Errno,
        _ => 0,
    };

    public static (string Message, string? Kind) Describe(Exception e) => e switch
    {
        ContainerException c => (c.Message, c.Kind.ToString()),
        SyscallException s => (s.Message, ContainerErrorKind.SystemError.ToString()),
        IOException or UnauthorizedAccessException =>
            (IoErrors.ToSyscall(e, IoErrors.LikelyOp(IoErrors.ErrnoOf(e))).Message, ContainerErrorKind.SystemError.ToString()),
        JsonException j => ($"malformed JSON at line {(j.LineNumber ?? 0) + 1}, column {(j.BytePositionInLine ?? 0) + 1}: {JsonErrorText.Reason(j.Message)}",
            ContainerErrorKind.ConfigInvalid.ToString()),
        _ => ($"internal error ({e.GetType().Name}): {JsonErrorText.Reason(e.Message)}", ContainerErrorKind.SystemError.ToString()),
    };
}
