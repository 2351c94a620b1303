using LibContainer.Tests.Runtime;
using Xunit;
using static LibContainer.Tests.CgroupsE2E.CgroupE2E;

namespace LibContainer.Tests.CgroupsE2E;

/// <summary>`pause` / `resume` through the freezer on real containers, and kill / delete of a paused container.</summary>
[Trait("Category", "Integration")]
[Collection("CgroupsE2E")]
public sealed class CgroupFreezerE2ETests : IDisposable
{
    // Exits 7 on SIGTERM (pid 1 of a pid namespace ignores signals it has no handler for).
    private static readonly string[] TrappingLoop = { "/bin/sh", "-c", "trap 'exit 7' TERM; while true; do sleep 0.1; done" };
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static string ProcState(int pid)
        => File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("State:", StringComparison.Ordinal));

    private string Freezer(string id) => Read("freezer", _h.CgroupOf(id), "freezer.state");

    [Fact]
    public void Pause_Freezes_And_Resume_Thaws()
    {
        string id = RunDetached(_h, _h.DefaultSpec(TrappingLoop));
        int pid = Pid(_h, id);

        Ok(_h.Nsi("pause", id), "pause");
        Assert.Equal("paused", Status(_h, id));
        Assert.Equal("FROZEN", Freezer(id));
        Assert.Contains("D (disk sleep)", ProcState(pid)); // a task frozen by the v1 freezer reads as D
        var again = _h.Nsi("pause", id);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not running", again.Stderr);
        // Stats and ps still work on a frozen container.
        Ok(_h.Nsi("events", "--stats", id), "events --stats while paused");
        Assert.Contains(pid.ToString(), _h.Nsi("ps", "--format", "json", id).Stdout);
        // A non-fatal signal to a paused container waits: it stays paused and alive.
        Ok(_h.Nsi("kill", "--all", id, "TERM"), "kill --all TERM");
        Assert.Equal("paused", Status(_h, id));
        Assert.Equal("FROZEN", Freezer(id));

        Ok(_h.Nsi("resume", id), "resume");
        Assert.Equal("THAWED", Freezer(id));
        WaitStopped(_h, id); // the pending TERM is handled once thawed
        var r = _h.Nsi("resume", id);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not paused", r.Stderr);
        Ok(_h.Nsi("delete", id), "delete");
    }

    [Fact]
    public void Resume_Makes_State_Running_And_Unpause_Is_The_Seeds_Name()
    {
        string id = RunDetached(_h, _h.DefaultSpec("/bin/sleep", "600"));
        int pid = Pid(_h, id);
        string path = _h.CgroupOf(id);
        Ok(_h.Nsi("pause", id), "pause");
        Ok(_h.Nsi("unpause", id), "unpause");
        Assert.Equal("running", Status(_h, id));
        Assert.Equal("THAWED", Freezer(id));
        Assert.DoesNotContain("D (disk sleep)", ProcState(pid));
        Ok(_h.Nsi("delete", "--force", id), "delete");
    }

    [Fact]
    public void Kill_Of_A_Paused_Container_Works()
    {
        string id = RunDetached(_h, _h.DefaultSpec("/bin/sleep", "600"));
        string path = _h.CgroupOf(id);
        Ok(_h.Nsi("pause", id), "pause");
        Ok(_h.Nsi("kill", id, "KILL"), "kill KILL");
        WaitStopped(_h, id);
        Ok(_h.Nsi("delete", id), "delete");
        Assert.Empty(ExistingDirs(path));

        string id2 = RunDetached(_h, _h.DefaultSpec("/bin/sleep", "600"));
        Ok(_h.Nsi("pause", id2), "pause");
        Ok(_h.Nsi("kill", "--all", id2, "9"), "kill --all 9");
        WaitStopped(_h, id2);
        Ok(_h.Nsi("delete", id2), "delete");
    }

    [Fact]
    public void Delete_Of_A_Paused_Container_Needs_Force_And_Leaves_No_Cgroup()
    {
        string id = RunDetached(_h, _h.DefaultSpec("/bin/sleep", "600"));
        int pid = Pid(_h, id);
        string path = _h.CgroupOf(id);
        Ok(_h.Nsi("pause", id), "pause");
        var plain = _h.Nsi("delete", id);
        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("paused", plain.Stderr);
        Ok(_h.Nsi("delete", "--force", id), "delete --force");
        Assert.False(Directory.Exists(Path.Combine(_h.Root, id)));
        Assert.Empty(ExistingDirs(path));
        Assert.True(WaitFor(() => !File.Exists($"/proc/{pid}/status") || ProcState(pid).Contains('Z')), "init survived");
    }

    [Fact]
    public void Pause_Needs_A_Running_Container_With_Cgroups()
    {
        string id = NsinitHarness.NewId();
        Ok(_h.Nsi("create", "--bundle", _h.Bundle(_h.DefaultSpec("/bin/true")), id), "create");
        var created = _h.Nsi("pause", id);
        Assert.Equal(1, created.ExitCode);
        Assert.Contains("not running", created.Stderr);
        Ok(_h.Nsi("delete", "--force", id), "delete");

        Assert.Equal(1, _h.Nsi("pause", "no-such-container").ExitCode);

        _h.GlobalArgs = new[] { "--cgroup-manager", "disabled" };
        try
        {
            string bare = RunDetached(_h, _h.DefaultSpec("/bin/sleep", "600"));
            var r = _h.Nsi("pause", bare);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("no cgroup", r.Stderr);
            Ok(_h.Nsi("delete", "--force", bare), "delete");
        }
        finally { _h.GlobalArgs = Array.Empty<string>(); }
    }
}
