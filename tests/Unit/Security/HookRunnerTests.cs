using System.Diagnostics;
using LibContainer.Config;
using LibContainer.Security;
using Xunit;

namespace LibContainer.Tests.Security;

// Real hooks (shell scripts in a temp dir), started with posix_spawn from the test host.
[Trait("Category", "Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HookRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lc-hooks-").FullName;
    private readonly ContainerStateJson _state = new() { Id = "hooktest", Status = "creating", Pid = 4242, Bundle = "/b" };

    public void Dispose() => Directory.Delete(_dir, true);

    private string Script(string name, string body)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void Hook_reads_state_json_on_stdin()
    {
        var outFile = Path.Combine(_dir, "stdin.json");
        var hook = new Hook { Path = Script("read.sh", $"cat > {outFile}") };
        HookRunner.Run("prestart", [hook], _state);
        var back = System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(outFile), OciJsonContext.Default.ContainerStateJson)!;
        Assert.Equal("hooktest", back.Id);
        Assert.Equal("creating", back.Status);
        Assert.Equal(4242, back.Pid);
        Assert.Equal("/b", back.Bundle);
    }

    [Fact]
    public void Failing_hook_reports_exit_status_and_stderr()
    {
        var path = Script("fail.sh", "echo ignored; echo 'boom: bad thing' >&2; exit 3");
        var ex = Assert.Throws<ContainerException>(() => HookRunner.Run("createRuntime", [new Hook { Path = path }], _state));
        Assert.Equal(ContainerErrorKind.HookFailed, ex.Kind);
        Assert.Equal(("hooks.createRuntime[0]", path), (ex.JsonPath, ex.Path));
        Assert.Equal($"createRuntime hook {path} failed: exit status 3: boom: bad thing", ex.Message);
    }

    [Fact]
    public void Hook_that_does_not_read_stdin_is_fine()
    {
        HookRunner.Run("poststart", [new Hook { Path = Script("noread.sh", "exit 0") }], _state);
    }

    [Fact]
    public void Timeout_kills_the_hook()
    {
        var path = Script("slow.sh", "echo starting >&2; exec sleep 30");
        var sw = Stopwatch.StartNew();
        var ex = Assert.Throws<ContainerException>(() => HookRunner.Run("prestart", [new Hook { Path = path, Timeout = 1 }], _state));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
        Assert.Equal($"prestart hook {path} timed out after 1 s: starting", ex.Message);
    }

    [Fact]
    public void Hook_gets_exactly_its_env()
    {
        var outFile = Path.Combine(_dir, "env.txt");
        var hook = new Hook { Path = Script("env.sh", $"/usr/bin/env > {outFile}"), Env = ["FOO=bar", "BAR=baz qux"] };
        HookRunner.Run("createContainer", [hook], _state);
        var env = File.ReadAllLines(outFile).Where(l => !l.StartsWith("PWD=")).Order().ToList();
        Assert.Equal(["BAR=baz qux", "FOO=bar"], env);
    }

    [Fact]
    public void Hook_without_env_inherits_the_runtimes_environment()
    {
        var outFile = Path.Combine(_dir, "inherited.txt");
        Environment.SetEnvironmentVariable("LC_HOOK_TEST_VAR", "inherited-value");
        try
        {
            HookRunner.Run("poststop", [new Hook { Path = Script("inherit.sh", $"/usr/bin/env > {outFile}") }], _state);
        }
        finally
        {
            Environment.SetEnvironmentVariable("LC_HOOK_TEST_VAR", null);
        }
        Assert.Contains("LC_HOOK_TEST_VAR=inherited-value", File.ReadAllLines(outFile));
    }

    [Fact]
    public void Args_zero_is_argv0()
    {
        // sh -c 'script' NAME ARG: $0 is the first argument after the script.
        var outFile = Path.Combine(_dir, "args.txt");
        var hook = new Hook { Path = "/bin/sh", Args = ["not-sh", "-c", $"echo \"$0 $1\" > {outFile}", "zero", "one"] };
        HookRunner.Run("prestart", [hook], _state);
        Assert.Equal("zero one", File.ReadAllText(outFile).Trim());

        var argv0 = Path.Combine(_dir, "argv0.txt");
        var hook2 = new Hook { Path = "/bin/busybox", Args = ["sh", "-c", $"echo hi > {argv0}"] };
        if (File.Exists("/bin/busybox"))
        {
            HookRunner.Run("prestart", [hook2], _state); // busybox dispatches on argv[0]
            Assert.Equal("hi", File.ReadAllText(argv0).Trim());
        }
    }

    [Fact]
    public void Hooks_run_in_order_and_stop_at_the_first_failure()
    {
        var log = Path.Combine(_dir, "order.txt");
        var hooks = new List<Hook>
        {
            new() { Path = Script("a.sh", $"echo a >> {log}") },
            new() { Path = Script("b.sh", $"echo b >> {log}; exit 1") },
            new() { Path = Script("c.sh", $"echo c >> {log}") },
        };
        var ex = Assert.Throws<ContainerException>(() => HookRunner.Run("poststop", hooks, _state));
        Assert.Contains("b.sh failed: exit status 1", ex.Message);
        Assert.Equal(["a", "b"], File.ReadAllLines(log));
    }

    [Fact]
    public void Missing_hook_binary_is_reported()
    {
        var ex = Assert.Throws<ContainerException>(() => HookRunner.Run("prestart", [new Hook { Path = "/nonexistent/hook" }], _state));
        Assert.Contains("prestart hook /nonexistent/hook failed", ex.Message);
        Assert.Contains("no such file or directory", ex.Message);
    }

    [Fact]
    public void Killed_hook_reports_the_signal()
    {
        var ex = Assert.Throws<ContainerException>(() => HookRunner.Run("prestart", [new Hook { Path = Script("kill.sh", "kill -9 $$") }], _state));
        Assert.Contains("killed by signal 9", ex.Message);
    }

    [Fact]
    public void Only_stdio_is_inherited()
    {
        var outFile = Path.Combine(_dir, "fds.txt");
        var hook = new Hook { Path = Script("fds.sh", $"ls /proc/self/fd > {outFile}") };
        HookRunner.Run("prestart", [hook], _state);
        // ls sees 0,1,2, its redirect target (1 again) and the fd of the directory it lists.
        var fds = File.ReadAllLines(outFile).Select(int.Parse).ToList();
        Assert.All(fds, fd => Assert.True(fd <= 3, $"fd {fd} leaked: {string.Join(",", fds)}"));
    }

    [Fact]
    public void Large_state_fits_on_stdin()
    {
        var big = new ContainerStateJson { Id = "big", Status = "created", Bundle = "/b", Annotations = new() { ["x"] = new string('a', 200_000) } };
        var outFile = Path.Combine(_dir, "big.json");
        HookRunner.Run("prestart", [new Hook { Path = Script("big.sh", $"cat > {outFile}") }], big);
        Assert.True(new FileInfo(outFile).Length > 200_000);
    }

    [Fact]
    public void Non_positive_timeout_is_invalid()
    {
        var ex = Assert.Throws<ContainerException>(() => HookRunner.Run("prestart", [new Hook { Path = "/bin/true", Timeout = 0 }], _state));
        Assert.Equal(ContainerErrorKind.ConfigInvalid, ex.Kind);
    }

    [Fact]
    public void PidFd_watches_a_child()
    {
        var pid = Spawner.Spawn("/bin/sleep", ["sleep", "0.2"], [], 0, 1, 2);
        var fd = PidFd.Open(pid);
        try
        {
            Assert.True(PidFd.WaitForExit(fd, 5000));
            Assert.Equal("exit status 0", PidFd.DescribeStatus(PidFd.Reap(pid)));
        }
        finally
        {
            LibC.close(fd);
        }
    }
}
