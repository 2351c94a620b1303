using LibContainer.Config;
using LibContainer.Runtime;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>`create --supervise` / `run --detach --supervise`: the supervisor left behind records init's exit status
/// in exit.json and never outlives the container; plain create leaves none.</summary>
[Trait("Category", "Integration")]
public sealed class SupervisionIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose()
    {
        _h.Dispose();
        // delete returns once init is dead; its supervisor notices a moment later and exits.
        for (int i = 0; i < 250 && Supervisors().Count > 0; i++) Thread.Sleep(20);
        Assert.Empty(Supervisors());
    }

    private StateStore Store => new(_h.Root);

    /// <summary>Live supervisor processes started for this test's state root (zombies awaiting the host's reaper
    /// excluded: they are already gone).</summary>
    private List<int> Supervisors()
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            string cmd;
            try { cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '); } catch (IOException) { continue; }
            if (cmd.Contains("__supervise", StringComparison.Ordinal) && cmd.Contains(_h.Root, StringComparison.Ordinal) && Alive(pid))
                found.Add(pid);
        }
        return found;
    }

    private static bool Alive(int pid) => ContainerStatusProbe.IsAlive(pid, 0, "/proc");

    private static void WaitGone(int pid)
    {
        for (int i = 0; i < 250 && Alive(pid); i++) Thread.Sleep(20);
        Assert.False(Alive(pid), $"process {pid} still alive");
    }

    private static int ParentOf(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
    }

    private static string Line(string file, string prefix) => File.ReadAllLines(file).First(l => l.Contains(prefix, StringComparison.Ordinal));

    [Fact]
    public void Supervised_Create_Start_Exit7_Writes_ExitJson()
    {
        string id = NsinitHarness.NewId();
        var bundle = _h.Bundle(_h.DefaultSpec("/bin/sh", "-c", "sleep 0.3; exit 7"));
        var pidFile = Path.Combine(bundle, "pid");
        var c = _h.Nsi("create", "--supervise", "--bundle", bundle, "--pid-file", pidFile, id);
        Assert.True(c.ExitCode == 0, c.ToString());
        int init = int.Parse(File.ReadAllText(pidFile));

        int supervisor = Store.SupervisorPid(id) ?? throw new Xunit.Sdk.XunitException("no live supervisor recorded");
        Assert.True(Store.IsSupervised(id));
        Assert.Equal(supervisor, ParentOf(init)); // the subreaper adopted init when create exited
        Assert.Contains("__supervise", File.ReadAllText($"/proc/{supervisor}/cmdline"));
        string stat = File.ReadAllText($"/proc/{supervisor}/stat");
        Assert.Equal(supervisor.ToString(), stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3]); // session leader
        // The supervisor closes the report pipe (fd 3) right after writing create's status to it, and create returns
        // as soon as it read the status: for a moment after create exits, fd 3 may still be open. Wait for that.
        string[] Foreign() => Directory.GetFiles($"/proc/{supervisor}/fd")
            .Select(fd => (fd, target: new FileInfo(fd).LinkTarget ?? ""))
            .Where(f => f.target is not ("/dev/null" or "/dev/urandom"))
            .Select(f => $"fd {Path.GetFileName(f.fd)} -> {f.target}").ToArray();
        for (var deadline = Environment.TickCount64 + 5000; Foreign().Length > 0 && Environment.TickCount64 < deadline;) Thread.Sleep(20);
        Assert.True(Foreign().Length == 0, "supervisor holds " + string.Join(", ", Foreign()));
        Assert.NotEqual(Line($"/proc/{init}/cgroup", ":pids:"), Line($"/proc/{supervisor}/cgroup", ":pids:"));
        Assert.Null(Store.ReadExitStatus(id));

        Assert.Equal(0, _h.Nsi("start", id).ExitCode);
        var exit = Store.AwaitExitStatus(id, TimeSpan.FromSeconds(10));
        Assert.NotNull(exit);
        Assert.Equal(7, exit!.ExitCode);
        Assert.Null(exit.Signal);
        Assert.Null(exit.SignalName);
        Assert.Equal(init, exit.Pid);
        Assert.True((DateTime.UtcNow - exit.FinishedAt).Duration() < TimeSpan.FromMinutes(1));
        Assert.DoesNotContain("\"exitCode\"", File.ReadAllText(Store.StatePath(id))); // not mixed into state.json
        WaitGone(supervisor);

        Assert.Equal(0, _h.Nsi("delete", id).ExitCode);
        Assert.False(Directory.Exists(Store.DirOf(id)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Killing_The_Supervisor_Kills_The_Container(bool started)
    {
        string id = NsinitHarness.NewId();
        var bundle = _h.Bundle(_h.DefaultSpec("/bin/sleep", "600"));
        var pidFile = Path.Combine(bundle, "pid");
        var c = _h.Nsi("create", "--supervise", "--bundle", bundle, "--pid-file", pidFile, id);
        Assert.True(c.ExitCode == 0, c.ToString());
        if (started) Assert.Equal(0, _h.Nsi("start", id).ExitCode);
        int init = int.Parse(File.ReadAllText(pidFile));
        int supervisor = Store.SupervisorPid(id) ?? throw new Xunit.Sdk.XunitException("no live supervisor recorded");

        Assert.Equal(0, LibC.kill(supervisor, 9));
        WaitGone(init); // PR_SET_PDEATHSIG: the container's init never outlives its supervisor
        Assert.Contains("stopped", _h.Nsi("state", id).Stdout);
        Assert.Equal(0, _h.Nsi("delete", id).ExitCode);
    }

    [Fact]
    public void Supervised_Run_Killed_By_Sigkill_Reports_Signal()
    {
        string id = NsinitHarness.NewId();
        var bundle = _h.Bundle(_h.DefaultSpec("/bin/sleep", "60"));
        var r = _h.Nsi("run", "--detach", "--supervise", "--bundle", bundle, id);
        Assert.True(r.ExitCode == 0, r.ToString());
        int supervisor = Store.SupervisorPid(id) ?? throw new Xunit.Sdk.XunitException("no live supervisor recorded");

        Assert.Equal(0, _h.Nsi("kill", id, "KILL").ExitCode);
        var exit = Store.AwaitExitStatus(id, TimeSpan.FromSeconds(10));
        Assert.NotNull(exit);
        Assert.Equal(137, exit!.ExitCode);
        Assert.Equal(9, exit.Signal);
        Assert.Equal("SIGKILL", exit.SignalName);
        WaitGone(supervisor);
        Assert.Equal(0, _h.Nsi("delete", id).ExitCode);
    }

    [Fact]
    public void Delete_While_Running_Leaves_No_Supervisor_And_No_State()
    {
        string id = NsinitHarness.NewId();
        var bundle = _h.Bundle(_h.DefaultSpec("/bin/sleep", "60"));
        var r = _h.Nsi("run", "-d", "--supervise", "--bundle", bundle, id);
        Assert.True(r.ExitCode == 0, r.ToString());
        int supervisor = Store.SupervisorPid(id) ?? throw new Xunit.Sdk.XunitException("no live supervisor recorded");

        var del = _h.Nsi("delete", "--force", id);
        Assert.True(del.ExitCode == 0, del.ToString());
        WaitGone(supervisor);
        Assert.False(Directory.Exists(Store.DirOf(id))); // the supervisor wrote nothing into a deleted container
        Assert.Empty(Supervisors());
    }

    [Fact]
    public void Plain_Create_Leaves_No_Supervisor()
    {
        string id = NsinitHarness.NewId();
        var bundle = _h.Bundle(_h.DefaultSpec("/bin/sleep", "60"));
        var pidFile = Path.Combine(bundle, "pid");
        var c = _h.Nsi("create", "--bundle", bundle, "--pid-file", pidFile, id);
        Assert.True(c.ExitCode == 0, c.ToString());
        int init = int.Parse(File.ReadAllText(pidFile));
        Assert.False(Store.IsSupervised(id));
        Assert.Null(Store.SupervisorPid(id));
        Assert.DoesNotContain("__supervise", File.ReadAllText($"/proc/{ParentOf(init)}/cmdline"));
        Assert.Empty(Supervisors());
        Assert.Equal(0, _h.Nsi("delete", "--force", id).ExitCode);
        Assert.Null(Store.AwaitExitStatus(id, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Failed_Supervised_Create_Keeps_Creates_Contract()
    {
        string id = NsinitHarness.NewId();
        var missing = Path.Combine(_h.TempDir("nsinit-nobundle-"), "none");
        var plain = _h.Nsi("create", "--bundle", missing, id);
        var supervised = _h.Nsi("create", "--supervise", "--bundle", missing, id);
        Assert.Equal(plain.ExitCode, supervised.ExitCode);
        Assert.NotEqual(0, supervised.ExitCode);
        Assert.Equal(plain.Stderr, supervised.Stderr);

        var bundle = _h.Bundle(_h.DefaultSpec("/no/such/program"));
        var run = _h.Nsi("run", "-d", "--supervise", "--bundle", bundle, id);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no such file or directory", run.Stderr);
        Assert.False(Directory.Exists(Store.DirOf(id)));
        Assert.Equal(1, _h.Nsi("run", "--supervise", "--bundle", bundle, id).ExitCode); // foreground run: usage error
        for (int i = 0; i < 100 && Supervisors().Count > 0; i++) Thread.Sleep(20);
        Assert.Empty(Supervisors());
    }

    [Fact]
    public void Factory_Supervises_By_Default_And_Container_Reports_ExitStatus()
    {
        var factory = new ContainerFactory(_h.Root, _h.Nsinit);
        var c = factory.Create(NsinitHarness.NewId(), _h.DefaultSpec("/bin/sh", "-c", "exit 5"));
        Assert.True(factory.Store.IsSupervised(c.Id));
        Assert.Null(c.ExitStatus);
        c.Start();
        for (int i = 0; i < 250 && c.Status != ContainerState.Stopped; i++) Thread.Sleep(20);
        Assert.Equal(5, factory.Store.AwaitExitStatus(c.Id, TimeSpan.FromSeconds(10))?.ExitCode);
        Assert.Equal(5, c.ExitStatus?.ExitCode);
        c.Destroy();
    }

    [Fact]
    public void Caller_Killed_During_Supervised_Create_Leaves_Nothing()
    {
        string id = NsinitHarness.NewId();
        var spec = _h.DefaultSpec("/bin/sleep", "60");
        spec.Hooks = new Hooks { Prestart = new() { new Hook { Path = "/bin/sleep", Args = new() { "sleep", "1" } } } };
        var bundle = _h.Bundle(spec);
        var psi = new System.Diagnostics.ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var a in new[] { "-c", "exec \"$0\" \"$@\" </dev/null >/dev/null 2>&1", _h.Nsinit, "--root", _h.Root, "create", "--supervise", "--bundle", bundle, id })
            psi.ArgumentList.Add(a);
        using (var caller = System.Diagnostics.Process.Start(psi)!)
        {
            for (int i = 0; i < 100 && !Directory.Exists(Store.DirOf(id)); i++) Thread.Sleep(10);
            Assert.True(Directory.Exists(Store.DirOf(id)), "create did not start");
            caller.Kill(); // like Ctrl+C in New-Container: the caller never learns the container exists
            caller.WaitForExit();
        }
        for (int i = 0; i < 250 && (Directory.Exists(Store.DirOf(id)) || Supervisors().Count > 0); i++) Thread.Sleep(20);
        Assert.False(Directory.Exists(Store.DirOf(id)), "the supervisor should have deleted the orphaned container");
        Assert.Empty(Supervisors());
    }
}
