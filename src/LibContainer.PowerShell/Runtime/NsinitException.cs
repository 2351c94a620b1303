namespace LibContainer.PowerShell.Runtime;

/// <summary>nsinit exited non-zero; carries its last error message and the error kind read from it.</summary>
internal sealed class NsinitException : ContainerException
{
    public NsinitException(ContainerErrorKind kind, string message, string command, int exitCode, string? containerId)
        : base(kind, message, containerId)
    {
        Command = command;
        ExitCode = exitCode;
    }

    public string Command { get; }
    public int ExitCode { get; }
}
