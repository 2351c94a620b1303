using System.Text.Json;
using LibContainer.Config;
using LibContainer.Terminal;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>exec into a running container, hooks, console socket, seed mode.</summary>
[Trait("Category", "Integration")]
public sealed class RuntimeExecIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private string StartSleeper(Action<Spec>? edit = null)
    {
        string id = NsinitHarness.NewId();
        var spec = _h.DefaultSpec("/bin/sleep", "60");
        edit?.Invoke(spec);
        var r = _h.Nsi("run", "--detach", "--bundle", _h.Bundle(spec), id);
        Assert.True(r.ExitCode == 0, r.ToString());
        return id;
    }

    [Fact]
    public void Exec_Joins_The_Same_Pid_Namespace_And_Cgroup()
    {
        string id = StartSleeper();
        var r = _h.Nsi("exec", id, "/bin/sh", "-c", "ps -o pid,comm; grep memory /proc/1/cgroup /proc/self/cgroup");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"\n\s*1 sleep\n", r.Stdout);
        var memory = r.Stdout.Split('\n').Where(l => l.Contains(":memory:")).Select(l => l[(l.IndexOf(':') + 1)..]).ToList();
        Assert.Equal(2, memory.Count);
        Assert.Equal(memory[0], memory[1]); // the exec'd process is in init's memory cgroup
        var pids = JsonSerializer.Deserialize<int[]>(_h.Nsi("ps", "--format", "json", id).Stdout)!;
        Assert.Single(pids);
    }

    [Fact]
    public void Exec_Applies_User_Cwd_Env_And_Returns_Status()
    {
        string id = StartSleeper();
        var r = _h.Nsi("exec", "--user", "1000:1001", "--cwd", "/tmp", "--env", "A=b", id, "sh", "-c", "id -u; id -g; pwd; echo $A; grep CapEff /proc/self/status");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("1000\n1001\n/tmp\nb\nCapEff:\t0000000000000000\n", r.Stdout);
        Assert.Equal(5, _h.Nsi("exec", id, "sh", "-c", "exit 5").ExitCode);
        var bad = _h.Nsi("exec", id, "/bin/shh");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("exec \"/bin/shh\": no such file or directory", bad.Stderr);
    }

    [Fact]
    public void Exec_Process_File_And_Detach_With_Pid_File()
    {
        string id = StartSleeper();
        var dir = _h.TempDir("nsinit-exec-");
        var process = new Process { Args = new() { "/bin/sh", "-c", "echo from-file > /dev/shm/x; sleep 30" }, Cwd = "/", Env = new() { "PATH=/bin" } };
        var file = Path.Combine(dir, "process.json");
        File.WriteAllText(file, JsonSerializer.Serialize(process, OciJsonContext.Default.Process));
        var pidFile = Path.Combine(dir, "pid");
        var r = _h.Nsi("exec", "--process", file, "--detach", "--pid-file", pidFile, id);
        Assert.True(r.ExitCode == 0, r.ToString());
        int pid = int.Parse(File.ReadAllText(pidFile));
        Assert.True(File.Exists($"/proc/{pid}/status"));
        string seen = "";
        for (var deadline = Environment.TickCount64 + 10000; Environment.TickCount64 < deadline && seen != "from-file\n"; Thread.Sleep(50))
            seen = _h.Nsi("exec", id, "cat", "/dev/shm/x").Stdout;
        Assert.Equal("from-file\n", seen);
        Assert.Equal(2, JsonSerializer.Deserialize<int[]>(_h.Nsi("ps", "--format", "json", id).Stdout)!.Length);
    }

    [Fact]
    public void Runc_Edges_Kill_0_Probes_Exec_Env_And_Cwd_Are_Checked()
    {
        string id = StartSleeper();
        var probe = _h.Nsi("kill", id, "0"); // the liveness probe engines use
        Assert.True(probe.ExitCode == 0, probe.ToString());
        Assert.Equal("running", System.Text.Json.JsonDocument.Parse(_h.Nsi("state", id).Stdout).RootElement.GetProperty("status").GetString());

        var noEq = _h.Nsi("exec", "--env", "NOEQ", id, "true");
        Assert.Equal(1, noEq.ExitCode);
        Assert.Contains("invalid --env 'NOEQ': expected KEY=VALUE", noEq.Stderr);
        var relative = _h.Nsi("exec", "--cwd", "tmp", id, "true");
        Assert.Equal(1, relative.ExitCode);
        Assert.Contains("invalid --cwd 'tmp': cwd must be an absolute path", relative.Stderr);

    }

    [Fact]
    public void Exec_Into_User_Namespace_Container()
    {
        string id = StartSleeper(s =>
        {
            s.Root!.Path = _h.ReachableRootfs();
            s.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "user" });
            s.Linux.UidMappings = new() { new IdMapping { ContainerId = 0, HostId = 200000, Size = 65536 } };
            s.Linux.GidMappings = new() { new IdMapping { ContainerId = 0, HostId = 200000, Size = 65536 } };
        });
        var r = _h.Nsi("exec", id, "sh", "-c", "id -u; cat /proc/self/uid_map");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"^0\n\s*0\s+200000\s+65536\n", r.Stdout);
    }

    [Fact]
    public void Hooks_Run_In_Order_With_State_On_Stdin()
    {
        var logDir = _h.TempDir("nsinit-hooks-");
        string log = Path.Combine(logDir, "log");
        Hook H(string phase, string logPath) => new() { Path = "/bin/sh", Args = new() { "sh", "-c", $"s=$(tr -d '\\n '); echo \"{phase} $s\" >> {logPath}" } };
        string id = NsinitHarness.NewId();
        var spec = _h.DefaultSpec("/bin/true");
        spec.Mounts!.Add(new Mount { Destination = "/hooklog", Source = logDir, Type = "bind", Options = new() { "bind" } });
        spec.Hooks = new Hooks
        {
            Prestart = new() { H("prestart", log) },
            CreateRuntime = new() { H("createRuntime", log) },
            CreateContainer = new() { H("createContainer", log) },
            StartContainer = new() { H("startContainer", "/hooklog/log") },
            Poststart = new() { H("poststart", log) },
            Poststop = new() { H("poststop", log) },
        };
        var r = _h.Run(spec, id);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = File.ReadAllLines(log);
        var phases = lines.Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(6, phases.Count);
        Assert.Equal(new[] { "prestart", "createRuntime", "createContainer" }, phases.Take(3));
        Assert.Equal("poststop", phases[5]);
        Assert.Contains("startContainer", phases);
        Assert.Contains("poststart", phases);
        Assert.All(lines, l => Assert.Contains($"\"id\":\"{id}\"", l));
        Assert.Contains("\"status\":\"stopped\"", lines[5]);
    }

    [Fact]
    public void Failing_Hook_Fails_Create_And_Leaves_Nothing()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Hooks = new Hooks { CreateRuntime = new() { new Hook { Path = "/bin/sh", Args = new() { "sh", "-c", "echo hook-broke >&2; exit 3" } } } };
        var r = _h.Run(spec);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("hook-broke", r.Stderr);
        Assert.Empty(Directory.GetDirectories(_h.Root));
    }

    [Fact]
    public async Task Console_Socket_Receives_A_Pty_Master()
    {
        string id = NsinitHarness.NewId();
        var spec = _h.DefaultSpec("/bin/sh", "-c", "tty; stty size; echo hello-pty");
        spec.Process!.Terminal = true;
        spec.Process.ConsoleSize = new ConsoleSize { Height = 30, Width = 100 };
        var bundle = _h.Bundle(spec);
        var sock = Path.Combine(_h.TempDir("nsinit-console-"), "console.sock");
        int listen = ConsoleSocket.Listen(sock);
        try
        {
            var accept = Task.Run(() =>
            {
                int conn = ConsoleSocket.Accept(listen, 20000);
                return ConsoleSocket.ReceiveFd(conn).Fd;
            });
            var c = _h.Nsi("create", "--bundle", bundle, "--console-socket", sock, id);
            Assert.True(c.ExitCode == 0, c.ToString());
            Assert.Same(accept, await Task.WhenAny(accept, Task.Delay(20000)));
            int master = await accept;
            Assert.True(Pty.IsTerminal(master));
            Assert.Equal(0, _h.Nsi("start", id).ExitCode);
            using var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(master, ownsHandle: true), FileAccess.Read);
            var text = new System.Text.StringBuilder();
            var buf = new byte[4096];
            int n;
            try { while (!text.ToString().Contains("hello-pty") && (n = stream.Read(buf)) > 0) text.Append(System.Text.Encoding.UTF8.GetString(buf, 0, n)); }
            catch (IOException) { } // EIO once the slave side is gone
            Assert.Contains("/dev/pts/0", text.ToString());
            Assert.Contains("30 100", text.ToString());
            Assert.Contains("hello-pty", text.ToString());
        }
        finally { LibContainer.Interop.RuntimeSys.Close(listen); }
    }
}
