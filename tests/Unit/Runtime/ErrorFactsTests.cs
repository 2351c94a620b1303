using LibContainer.Config;
using LibContainer.Runtime;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>The one classification of failures the JSON log and the module's error ids read: by type and errno.</summary>
public sealed class ErrorFactsTests
{
    [Fact]
    public void A_refused_system_call_is_PermissionDenied_any_other_SystemError()
    {
        Assert.Equal(new ErrorFacts(ContainerErrorKind.PermissionDenied, null, "open", Errno.EACCES, "/x"), ErrorFacts.Of(new SyscallException("open", Errno.EACCES, "/x")));
        Assert.Equal(ContainerErrorKind.PermissionDenied, ErrorFacts.Of(new SyscallException("mount", Errno.EPERM)).Kind);
        Assert.Equal(ContainerErrorKind.SystemError, ErrorFacts.Of(new SyscallException("open", Errno.ENOENT, "/x")).Kind);
        Assert.Equal(ContainerErrorKind.PermissionDenied, ErrorFacts.Of(new UnauthorizedAccessException("x")).Kind);
    }

    [Fact]
    public void A_container_exception_keeps_its_kind_and_fields_and_takes_a_wrapped_calls()
    {
        var init = new InitFailedException("m", "mounts", "mount", Errno.EPERM, "/proc", "c");
        Assert.Equal(new ErrorFacts(ContainerErrorKind.InitFailed, "mounts", "mount", Errno.EPERM, "/proc"), ErrorFacts.Of(init));
        var hook = new ContainerException(ContainerErrorKind.HookFailed, "m", null, new SyscallException("posix_spawn", Errno.ENOENT, "/h"));
        Assert.Equal(new ErrorFacts(ContainerErrorKind.HookFailed, null, "posix_spawn", Errno.ENOENT, "/h"), ErrorFacts.Of(hook));
        var config = new ConfigException([new ConfigError("process.cwd", "x"), new ConfigError("root", "y")]);
        Assert.Equal("process.cwd", ErrorFacts.Of(config).JsonPath);
        Assert.Equal(ContainerErrorKind.ConfigInvalid, ErrorFacts.Of(new System.Text.Json.JsonException("x")).Kind);
        Assert.Equal(ContainerErrorKind.SystemError, ErrorFacts.Of(new InvalidOperationException("x")).Kind);
    }

    [Fact]
    public void Kind_names_and_order_are_stable()
    {
        // Engines, scripts and the module read these names; new kinds go last.
        Assert.Equal(["IdInUse", "InvalidId", "NotFound", "Destroyed", "Paused", "NotRunning", "Running", "ConfigInvalid", "InitFailed",
            "SystemError", "HostUnsupported", "PermissionDenied", "HookFailed", "Timeout"], Enum.GetNames<ContainerErrorKind>());
    }
}
