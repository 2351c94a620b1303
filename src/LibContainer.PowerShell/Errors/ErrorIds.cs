namespace LibContainer.PowerShell;

/// <summary>The module's stable error ids (the first part of FullyQualifiedErrorId); each ContainerErrorKind has its
/// own (ErrorMapper.IdFor, the table in docs/errors.md).</summary>
public static class ErrorIds
{
    public const string ContainerNotFound = nameof(ContainerNotFound);
    public const string ContainerNotSpecified = nameof(ContainerNotSpecified);
    public const string ContainerIdAmbiguous = nameof(ContainerIdAmbiguous);
    public const string ContainerNotRunning = nameof(ContainerNotRunning);
    public const string ContainerRunning = nameof(ContainerRunning);
    public const string ContainerPaused = nameof(ContainerPaused);
    public const string ContainerNameInUse = nameof(ContainerNameInUse);
    public const string InvalidContainerName = nameof(InvalidContainerName);
    public const string InitFailed = nameof(InitFailed);
    public const string ConfigInvalid = nameof(ConfigInvalid);
    public const string ConfigNotFound = nameof(ConfigNotFound);
    public const string RootfsNotFound = nameof(RootfsNotFound);
    public const string StopTimeout = nameof(StopTimeout);
    public const string ProcessStartFailed = nameof(ProcessStartFailed);
    public const string ContainerProcessOutput = nameof(ContainerProcessOutput);
    public const string InvalidNetworkParameter = nameof(InvalidNetworkParameter);
    public const string NetworkAddressInUse = nameof(NetworkAddressInUse);
    public const string AccessDenied = nameof(AccessDenied);
    public const string ProgramArgumentTakenAsParameter = nameof(ProgramArgumentTakenAsParameter);
    public const string ProgramExitCode = nameof(ProgramExitCode);
    public const string TerminalRequired = nameof(TerminalRequired);
    public const string PathNotFound = nameof(PathNotFound);
    public const string InvalidArgument = nameof(InvalidArgument);
    public const string SystemError = nameof(SystemError);
    public const string ContainerDestroyed = nameof(ContainerDestroyed);
    public const string HostUnsupported = nameof(HostUnsupported);
    public const string HookFailed = nameof(HookFailed);
    public const string Timeout = nameof(Timeout);
}
