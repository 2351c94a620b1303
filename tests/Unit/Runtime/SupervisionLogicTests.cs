using System.Text;
using LibContainer.Runtime;
using LibContainer.Runtime.Supervision;
using Xunit;

namespace LibContainer.Tests.Runtime;

public sealed class SupervisionLogicTests
{
    [Fact]
    public void ExitJson_Round_Trips_Exit_And_Signal()
    {
        var at = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var exited = ContainerExitStatus.FromWait(42, 1 /*CLD_EXITED*/, 7, at);
        Assert.Equal(exited, ExitStatusFile.Parse(ExitStatusFile.Serialize(exited)));
        Assert.Equal(7, exited.ExitCode);
        Assert.Null(exited.SignalName);

        var killed = ContainerExitStatus.FromWait(42, 2 /*CLD_KILLED*/, 15, at);
        var back = ExitStatusFile.Parse(ExitStatusFile.Serialize(killed));
        Assert.Equal(killed, back);
        Assert.Equal(143, back!.ExitCode);
        Assert.Equal("SIGTERM", back.SignalName);
        Assert.Equal(at, back.FinishedAt);
        Assert.Contains("\"signalName\":\"SIGTERM\"", Encoding.UTF8.GetString(ExitStatusFile.Serialize(killed)));
    }

    [Fact]
    public void ExitJson_Garbage_Is_Unknown()
    {
        Assert.Null(ExitStatusFile.Parse("{"u8));
        Assert.Null(ExitStatusFile.Parse("[]"u8));
        Assert.Null(ExitStatusFile.Parse("{\"exitCode\":\"x\"}"u8));
        Assert.Null(ExitStatusFile.Parse("{\"pid\":3}"u8));
        Assert.Equal(3, ExitStatusFile.Parse("{\"later\":{\"a\":[1,{}]},\"exitCode\":3}"u8)?.ExitCode); // unknown fields skipped
    }

    [Fact]
    public void Reader_Sees_Only_What_The_Supervisor_Wrote()
    {
        var root = Path.Combine(Path.GetTempPath(), "supervision-" + Guid.NewGuid().ToString("N")[..8]);
        var store = new StateStore(root);
        Directory.CreateDirectory(store.DirOf("c1"));
        try
        {
            Assert.Null(store.ReadExitStatus("c1"));
            Assert.False(store.IsSupervised("c1"));
            Assert.Null(store.AwaitExitStatus("c1", TimeSpan.FromSeconds(5))); // not supervised: no wait
            File.WriteAllText(Path.Combine(store.DirOf("c1"), ExitStatusFile.SupervisorFile), "999999999");
            Assert.True(store.IsSupervised("c1"));
            Assert.Null(store.SupervisorPid("c1")); // not alive
            File.WriteAllBytes(Path.Combine(store.DirOf("c1"), ExitStatusFile.ExitFile),
                ExitStatusFile.Serialize(new ContainerExitStatus { Pid = 5, ExitCode = 3, FinishedAt = DateTime.UtcNow }));
            Assert.Equal(3, store.AwaitExitStatus("c1", TimeSpan.FromSeconds(5))!.ExitCode);
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
