using LibContainer.Config;
using LibContainer.Runtime;
using LibContainer.Runtime.Protocol;
using Xunit;

namespace LibContainer.Tests.Config;

public class ProcessOverridesTests
{
    private static readonly User Basis = new() { Uid = 0, Gid = 5, Umask = 18, AdditionalGids = [10, 20] };

    [Fact]
    public void User_Without_Gid_Keeps_The_Basis_Gid_Like_Runc()
    {
        var u = ProcessOverrides.WithUser(Basis, "1000");
        Assert.Equal((1000u, 5u, 18u), (u.Uid, u.Gid, u.Umask));
        Assert.Equal([10u, 20u], u.AdditionalGids!);
        Assert.Equal((1000u, 1001u), (ProcessOverrides.WithUser(Basis, "1000:1001").Uid, ProcessOverrides.WithUser(Basis, "1000:1001").Gid));
        Assert.Equal(0u, ProcessOverrides.WithUser(null, "7").Gid);
        Assert.Equal(5u, Basis.Gid); // the basis is untouched
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("1:2:3")]
    [InlineData("-1")]
    [InlineData("1:")]
    [InlineData(" 1")]
    public void User_Refuses_Anything_But_Numbers(string spec)
    {
        var ex = Assert.Throws<ContainerException>(() => ProcessOverrides.WithUser(Basis, spec, "-User"));
        Assert.Equal(ContainerErrorKind.ConfigInvalid, ex.Kind);
        Assert.Contains("invalid -User", ex.Message);
    }

    [Fact]
    public void Env_Override_Touches_Only_Its_Own_Key()
    {
        List<string> basis = ["FOO=1", "FOOBAR=2", "PATH=/bin", "BARE"];
        Assert.Equal(["FOOBAR=2", "PATH=/bin", "BARE", "FOO=3"], ProcessOverrides.WithEnv(basis, ["FOO=3"]));
        Assert.Equal(["FOOBAR=2", "PATH=/bin", "BARE", "FOO"], ProcessOverrides.WithEnv(basis, ["FOO"]));
        Assert.Equal(["FOO=1", "FOOBAR=2", "PATH=/bin", "BARE=x"], ProcessOverrides.WithEnv(basis, ["BARE=x"]));
        Assert.Equal(["A=1"], ProcessOverrides.WithEnv(null, ["A=1"]));
        Assert.Equal(4, basis.Count);
    }

    [Fact]
    public void Nsinit_Exec_Overrides_Use_The_Same_Rules()
    {
        var basis = new Process { Args = ["sh"], Env = ["FOO=1", "FOOBAR=2"], User = Basis };
        var p = LibContainer.Runtime.Launch.ExecLauncher.BuildProcess(basis, ["id"], null, ["FOO=9"], "1000", [], tty: false);
        Assert.Equal((1000u, 5u), (p.User.Uid, p.User.Gid));
        Assert.Equal(["FOOBAR=2", "FOO=9"], p.Env!);
    }

    [Fact]
    public void An_Init_Error_Message_Becomes_InitFailedException()
    {
        InitMessage? error = new InitMessage(InitMessageType.Error, 2, 0, "mount", "open", "/x", "");
        var ex = Assert.Throws<InitFailedException>(() => error.ThrowIfError("c1"));
        Assert.Equal(("mount", "open", 2, "/x", "c1"), (ex.Step, ex.Syscall, ex.Errno, ex.Path, ex.ContainerId));
        Assert.Contains("open '/x'", ex.Message);
        InitMessage? ready = new InitMessage(InitMessageType.Ready);
        Assert.Equal(ready, ready.ThrowIfError("c1"));
        Assert.Null(((InitMessage?)null).ThrowIfError("c1"));
    }
}
