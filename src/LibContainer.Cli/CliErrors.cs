using System.Text.Json;
using LibContainer.Config;

namespace LibContainer.Cli;

/// <summary>Words any exception that reaches the CLI's boundary in the project's own terms:
/// `op 'path': reason (ERRNO)` for system and file errors, the JSON position for JSON errors; the JSON log carries
/// its <see cref="ErrorFacts"/> (kind, step, syscall, errno, path, JSON path).</summary>
internal static class CliErrors
{
    public static string Describe(Exception e) => e switch
    {
        ContainerException or SyscallException => e.Message,
        IOException or UnauthorizedAccessException => IoErrors.ToSyscall(e, IoErrors.LikelyOp(IoErrors.ErrnoOf(e))).Message,
        JsonException j => $"malformed JSON at line {(j.LineNumber ?? 0) + 1}, column {(j.BytePositionInLine ?? 0) + 1}: {JsonErrorText.Reason(j.Message)}",
        _ => $"internal error ({e.GetType().Name}): {JsonErrorText.Reason(e.Message)}",
    };
}
