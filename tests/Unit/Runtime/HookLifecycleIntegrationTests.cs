using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>The runtime-spec lifecycle for hooks: the status each phase sees, poststart/poststop failures warn and
/// the rest of the phase runs, and the runtime's hooks run in the host's pid and time namespaces even when the
/// container joins other ones by path.</summary>
[Trait("Category", "Integration")]
public sealed class HookLifecycleIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static Hook Log(string phase, string log, string extra = "") => new()
    {
        Path = "/bin/sh",
        Args = new() { "sh", "-c", $"s=$(tr -d '\\n '); echo \"{phase} $s\" >> {log}{extra}" },
    };

    [Fact]
    public void Each_Phase_Sees_The_Spec_Status()
    {
        var logDir = _h.TempDir("nsinit-hooks-");
        string log = Path.Combine(logDir, "log");
        var spec = _h.DefaultSpec("/bin/true");
        spec.Mounts!.Add(new Mount { Destination = "/hooklog", Source = logDir, Type = "bind", Options = new() { "bind" } });
        spec.Hooks = new Hooks
        {
            Prestart = new() { Log("prestart", log) }, CreateRuntime = new() { Log("createRuntime", log) },
            CreateContainer = new() { Log("createContainer", log) }, StartContainer = new() { Log("startContainer", "/hooklog/log") },
            Poststart = new() { Log("poststart", log) }, Poststop = new() { Log("poststop", log) },
        };
        var r = _h.Run(spec);
        Assert.True(r.ExitCode == 0, r.ToString());
        var status = File.ReadAllLines(log).ToDictionary(l => l.Split(' ')[0], l => System.Text.RegularExpressions.Regex.Match(l, "\"status\":\"([a-z]+)\"").Groups[1].Value);
        Assert.Equal("created", status["prestart"]);
        Assert.Equal("created", status["createRuntime"]);
        Assert.Equal("created", status["createContainer"]);
        Assert.Equal("created", status["startContainer"]); // the program has not been executed yet
        Assert.Equal("running", status["poststart"]);
        Assert.Equal("stopped", status["poststop"]);
    }

    [Fact]
    public void A_Failing_Poststart_Or_Poststop_Hook_Warns_And_The_Rest_Of_The_Phase_Runs()
    {
        string log = Path.Combine(_h.TempDir("nsinit-hooks-"), "log");
        var fail = new Hook { Path = "/bin/sh", Args = new() { "sh", "-c", "echo broke >&2; exit 4" } };
        var spec = _h.DefaultSpec("/bin/true");
        spec.Hooks = new Hooks
        {
            Poststart = new() { Log("poststart1", log), fail, Log("poststart2", log) },
            Poststop = new() { fail, Log("poststop1", log) },
        };
        var r = _h.Run(spec);
        Assert.True(r.ExitCode == 0, r.ToString());
        var phases = File.ReadAllLines(log).Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(new[] { "poststart1", "poststart2", "poststop1" }, phases);
        Assert.Contains("poststart hook /bin/sh failed", r.Stderr);
        Assert.Contains("poststop hook /bin/sh failed", r.Stderr);
    }

    [Fact]
    public void Runtime_Hooks_Stay_In_The_Host_Pid_And_Time_Namespaces_While_The_Container_Joins_Others_By_Path()
    {
        string holder = NsinitHarness.NewId();
        var holderSpec = _h.DefaultSpec("/bin/sleep", "60");
        holderSpec.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "time" });
        holderSpec.Linux.TimeOffsets = new() { ["monotonic"] = new TimeOffset { Secs = 86400 } };
        var pidFile = Path.Combine(_h.TempDir("nsinit-pid-"), "pid");
        var r = _h.Nsi("run", "--detach", "--bundle", _h.Bundle(holderSpec), "--pid-file", pidFile, holder);
        Assert.True(r.ExitCode == 0, r.ToString());
        string holderPid = File.ReadAllText(pidFile);

        string log = Path.Combine(_h.TempDir("nsinit-hooks-"), "log");
        string id = NsinitHarness.NewId();
        var spec = _h.DefaultSpec("/bin/sleep", "60");
        spec.Linux!.Namespaces!.RemoveAll(n => n.Type == "pid");
        spec.Linux.Namespaces.Add(new LinuxNamespace { Type = "pid", Path = $"/proc/{holderPid}/ns/pid" });
        spec.Linux.Namespaces.Add(new LinuxNamespace { Type = "time", Path = $"/proc/{holderPid}/ns/time" });
        string ns = $"readlink /proc/self/ns/pid /proc/self/ns/time >> {log}";
        spec.Hooks = new Hooks
        {
            Prestart = new() { new Hook { Path = "/bin/sh", Args = new() { "sh", "-c", ns } } },
            CreateRuntime = new() { new Hook { Path = "/bin/sh", Args = new() { "sh", "-c", ns } } },
        };
        var pidFile2 = Path.Combine(_h.TempDir("nsinit-pid-"), "pid");
        r = _h.Nsi("run", "--detach", "--bundle", _h.Bundle(spec), "--pid-file", pidFile2, id);
        Assert.True(r.ExitCode == 0, r.ToString());
        string pid = File.ReadAllText(pidFile2);

        string Link(string p) => new FileInfo(p).LinkTarget!;
        var host = new[] { Link("/proc/self/ns/pid"), Link("/proc/self/ns/time") };
        Assert.Equal(host.Concat(host), File.ReadAllLines(log));
        Assert.Equal(Link($"/proc/{holderPid}/ns/pid"), Link($"/proc/{pid}/ns/pid"));
        Assert.Equal(Link($"/proc/{holderPid}/ns/time"), Link($"/proc/{pid}/ns/time")); // joined by path
        Assert.NotEqual(host[1], Link($"/proc/{pid}/ns/time"));
    }
}
