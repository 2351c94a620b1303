using LibContainer.Runtime;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>nsinit's failure read back from its JSON log by kind and errno, never from the message's words.</summary>
public sealed class NsinitErrorTests : IDisposable
{
    private readonly string _log = Path.Combine(Path.GetTempPath(), $"nsinit-error-test-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_log);

    [Fact]
    public void The_last_error_record_gives_kind_errno_and_message()
    {
        File.WriteAllLines(_log, [
            """{"level":"warning","msg":"x","time":"t"}""",
            """{"level":"error","msg":"first","time":"t","kind":"Running"}""",
            """{"level":"error","msg":"exec \"/x\": no such file or directory","time":"t","kind":"InitFailed","errno":2}""",
        ]);
        var e = NsinitError.FromLog(_log, "c1")!;
        Assert.Equal(ContainerErrorKind.InitFailed, e.Kind);
        Assert.Equal(2, e.Errno);
        Assert.Equal("c1", e.ContainerId);
        Assert.StartsWith("exec", e.Message);
    }

    [Fact]
    public void A_message_that_reads_like_another_kind_keeps_the_logged_kind()
    {
        File.WriteAllText(_log, """{"level":"error","msg":"cgroup already exists and is in use","time":"t","kind":"ConfigInvalid"}""" + "\n");
        Assert.Equal(ContainerErrorKind.ConfigInvalid, NsinitError.FromLog(_log, null)!.Kind);
    }

    [Fact]
    public void No_error_record_or_no_file_is_null_and_an_unknown_kind_is_SystemError()
    {
        File.WriteAllText(_log, """{"level":"warning","msg":"w","time":"t"}""" + "\nnot json\n");
        Assert.Null(NsinitError.FromLog(_log, null));
        Assert.Null(NsinitError.FromLog(_log + ".missing", null));
        File.WriteAllText(_log, """{"level":"error","msg":"m","time":"t","kind":"Bogus"}""" + "\n");
        Assert.Equal(ContainerErrorKind.SystemError, NsinitError.FromLog(_log, null)!.Kind);
    }

    [Fact]
    public void Step_syscall_path_and_json_path_are_read_back()
    {
        File.WriteAllText(_log, """{"level":"error","msg":"m","time":"t","kind":"HookFailed","step":"mounts","syscall":"mount","errno":1,"errnoName":"EPERM","path":"/p","jsonPath":"hooks.prestart[0]"}""" + "\n");
        var e = NsinitError.FromLog(_log, null)!;
        Assert.Equal((ContainerErrorKind.HookFailed, "mounts", "mount", 1, "/p", "hooks.prestart[0]"), (e.Kind, e.Step, e.Syscall, e.Errno, e.Path, e.JsonPath));
    }
}
