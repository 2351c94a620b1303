using System.Management.Automation;
using LibContainer.Config;

namespace LibContainer.PowerShell;

/// <summary>
/// The one place that turns failures into ErrorRecords: error id, ErrorCategory (from ContainerErrorKind or errno),
/// target object and recommended action. Cmdlets never let a raw exception reach the user.
/// </summary>
internal static class ErrorMapper
{
    public static ErrorRecord FromException(Exception e, object? target, string? errorId = null)
    {
        switch (e)
        {
            case NetworkParameterException np: // more specific than any id the caller passes
                return Make(e, np.ErrorId, np.Category, target, np.RecommendedAction);
            case FileNotFoundException or DirectoryNotFoundException:
                return Make(e, errorId ?? ErrorIds.ConfigNotFound, ErrorCategory.ObjectNotFound, target, "Check the path.");
            case ArgumentException:
                return Make(e, errorId ?? ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, target, "Fix the parameter value named in the message.");
            case ContainerException or SyscallException or IOException or UnauthorizedAccessException:
            {
                // The kind (ErrorFacts: the same classification the JSON log carries) picks the id; a failed system
                // call's errno refines the category of the kinds that only say "a call failed".
                var f = ErrorFacts.Of(e);
                var category = f.Errno != 0 && f.Kind is ContainerErrorKind.InitFailed or ContainerErrorKind.SystemError
                    ? CategoryForErrno(f.Errno) : CategoryFor(f.Kind);
                return Make(e, errorId ?? IdFor(f.Kind), category, target, ActionFor(f.Kind));
            }
            default:
                return Make(e, errorId ?? ErrorIds.SystemError, ErrorCategory.NotSpecified, target, "See the error message.");
        }
    }

    public static ErrorRecord Make(string errorId, ContainerErrorKind kind, string message, object? target) =>
        Make(new ContainerException(kind, message), errorId, CategoryFor(kind), target, ActionFor(kind));

    public static ErrorRecord NotFound(string what, object target) =>
        Make(new ContainerException(ContainerErrorKind.NotFound, $"No container found with {what}."),
            ErrorIds.ContainerNotFound, ErrorCategory.ObjectNotFound, target, ActionFor(ContainerErrorKind.NotFound));

    /// <summary>Neither -Name, -Id nor -InputObject was given.</summary>
    public static ErrorRecord NoTarget() => Make(ErrorIds.ContainerNotSpecified, ContainerErrorKind.NotFound,
        "Give the container with -Name, -Id or -InputObject (or pipe it in).", null);

    public static ErrorRecord NotRunning(Container c) =>
        Make(new ContainerException(ContainerErrorKind.NotRunning, $"Container '{c.Name}' is {c.State.ToString().ToLowerInvariant()}, not running.", c.Id),
            ErrorIds.ContainerNotRunning, ErrorCategory.InvalidOperation, c, ActionFor(ContainerErrorKind.NotRunning));

    /// <summary>nsinit could not start a process in the container (the error it logged during exec): the category
    /// comes from the failed call's errno (not found, permission denied), else from the kind.</summary>
    public static ErrorRecord ProcessStartFailed(LibContainer.Runtime.NsinitError e, Container c)
    {
        var startFailure = e.Kind is ContainerErrorKind.InitFailed or ContainerErrorKind.SystemError;
        var category = e.Errno != 0 ? CategoryForErrno(e.Errno) : startFailure ? ErrorCategory.OpenError : CategoryFor(e.Kind);
        return Make(new ContainerException(e.Kind, e.Message, c.Id), startFailure ? ErrorIds.ProcessStartFailed : IdFor(e.Kind), category, c,
            startFailure ? "Check the program path inside the container and its permissions." : ActionFor(e.Kind));
    }

    public static string IdFor(ContainerErrorKind kind) => kind switch
    {
        ContainerErrorKind.IdInUse => ErrorIds.ContainerNameInUse,
        ContainerErrorKind.InvalidId => ErrorIds.InvalidContainerName,
        ContainerErrorKind.NotFound => ErrorIds.ContainerNotFound,
        ContainerErrorKind.Destroyed => ErrorIds.ContainerDestroyed,
        ContainerErrorKind.Paused => ErrorIds.ContainerPaused,
        ContainerErrorKind.NotRunning => ErrorIds.ContainerNotRunning,
        ContainerErrorKind.Running => ErrorIds.ContainerRunning,
        ContainerErrorKind.ConfigInvalid => ErrorIds.ConfigInvalid,
        ContainerErrorKind.InitFailed => ErrorIds.InitFailed,
        ContainerErrorKind.HostUnsupported => ErrorIds.HostUnsupported,
        ContainerErrorKind.PermissionDenied => ErrorIds.AccessDenied,
        ContainerErrorKind.HookFailed => ErrorIds.HookFailed,
        ContainerErrorKind.Timeout => ErrorIds.Timeout,
        _ => ErrorIds.SystemError,
    };

    public static ErrorCategory CategoryFor(ContainerErrorKind kind) => kind switch
    {
        ContainerErrorKind.IdInUse => ErrorCategory.ResourceExists,
        ContainerErrorKind.InvalidId => ErrorCategory.InvalidArgument,
        ContainerErrorKind.NotFound or ContainerErrorKind.Destroyed => ErrorCategory.ObjectNotFound,
        ContainerErrorKind.Paused or ContainerErrorKind.NotRunning or ContainerErrorKind.Running => ErrorCategory.InvalidOperation,
        ContainerErrorKind.ConfigInvalid => ErrorCategory.InvalidData,
        ContainerErrorKind.InitFailed => ErrorCategory.OpenError,
        ContainerErrorKind.HostUnsupported => ErrorCategory.NotEnabled,
        ContainerErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        ContainerErrorKind.HookFailed => ErrorCategory.OperationStopped,
        ContainerErrorKind.Timeout => ErrorCategory.OperationTimeout,
        _ => ErrorCategory.NotSpecified,
    };

    public static ErrorCategory CategoryForErrno(int errno) => errno switch
    {
        Errno.EPERM or Errno.EACCES => ErrorCategory.PermissionDenied,
        Errno.ENOENT or Errno.ESRCH or Errno.ENODEV or Errno.ENXIO => ErrorCategory.ObjectNotFound,
        Errno.EEXIST or Errno.EADDRINUSE => ErrorCategory.ResourceExists,
        Errno.EBUSY or Errno.EAGAIN or Errno.ETXTBSY => ErrorCategory.ResourceBusy,
        Errno.ENOMEM or Errno.ENOSPC or Errno.EMFILE or Errno.ENFILE => ErrorCategory.LimitsExceeded,
        Errno.EINVAL or Errno.ERANGE or Errno.E2BIG or Errno.ENAMETOOLONG => ErrorCategory.InvalidArgument,
        Errno.ENOSYS or Errno.EOPNOTSUPP => ErrorCategory.NotImplemented,
        Errno.ETIMEDOUT => ErrorCategory.OperationTimeout,
        Errno.EROFS => ErrorCategory.WriteError,
        Errno.EIO => ErrorCategory.ReadError,
        _ => ErrorCategory.NotSpecified,
    };

    public static string ActionFor(ContainerErrorKind kind) => kind switch
    {
        ContainerErrorKind.IdInUse => "Choose another name, or remove the existing container with Remove-Container.",
        ContainerErrorKind.InvalidId => "Use letters, digits, '_', '-' and '.' only.",
        ContainerErrorKind.NotFound or ContainerErrorKind.Destroyed => "Run Get-Container to list the containers.",
        ContainerErrorKind.Paused => "Resume the container with Resume-Container.",
        ContainerErrorKind.NotRunning => "Start the container with Start-Container.",
        ContainerErrorKind.Running => "Stop the container with Stop-Container, or use -Force.",
        ContainerErrorKind.ConfigInvalid => "Fix the config; Test-ContainerConfig lists every problem with its JSON path.",
        ContainerErrorKind.InitFailed => "Check the rootfs, the command and the mounts named in the message.",
        ContainerErrorKind.HostUnsupported => "Run Test-ContainerConfig -Host: it lists what this host lacks, with the fix.",
        ContainerErrorKind.PermissionDenied => "Check the permissions of the path named in the message (run as root).",
        ContainerErrorKind.HookFailed => "Check the hook named in the message: its path, its exit status and what it wrote.",
        ContainerErrorKind.Timeout => "Give it more time (the hook's timeout), or find out why it hangs.",
        _ => "See the error message.",
    };

    private static ErrorRecord Make(Exception e, string id, ErrorCategory category, object? target, string action)
    {
        var record = new ErrorRecord(e, id, category, target);
        record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = action };
        return record;
    }
}
