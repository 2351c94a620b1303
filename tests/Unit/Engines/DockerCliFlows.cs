using LibContainer.Tests.Runtime;
using Xunit;
using static LibContainer.Tests.Engines.EngineShell;

namespace LibContainer.Tests.Engines;

/// <summary>The flows podman and docker share word for word (podman's command line is docker's), given the engine's
/// command prefix: a detached container with limits, checked in its cgroup files through every lifecycle step.</summary>
internal sealed class DockerCliFlows(string cli, IReadOnlyDictionary<string, string>? env = null)
{
    /// <summary>pid 1 of the detached container: traps USR1 (logs "got-usr1") and exits 0 on TERM.</summary>
    public const string Loop = "sh -c 'trap \"echo got-usr1\" USR1; trap \"exit 0\" TERM; echo started; while :; do sleep 0.2; done'";

    /// <summary>The run flags whose effect <see cref="Detached"/> checks.</summary>
    public const string Limits = "--memory 64m --cpus 0.5 --pids-limit 50";

    public NsinitResult Run(string args) => Sh($"{cli} {args}", env);
    public string Ok(string args) => EngineShell.Ok($"{cli} {args}", env).Trim();
    public int PidOf(string name) => int.Parse(Ok($"inspect -f '{{{{.State.Pid}}}}' {name}"));
    public string StatusOf(string name) => Ok($"inspect -f '{{{{.State.Status}}}}' {name}");
    public string Tty(string args) => EngineShell.Ok($"script -qec {Q($"{cli} {args}")} /dev/null", env);

    /// <summary>For a container started with <see cref="Limits"/> running <see cref="Loop"/>: limits in the cgroup
    /// files; exec (env, user, exit code, -t); pause/unpause in the freezer; update keeps the limits it does not name;
    /// kill -s reaches the trap; stop, start, restart (a new pid 1), kill and wait (137). <paramref name="more"/> runs
    /// the engine's own checks while the container runs.</summary>
    public void Detached(string name, Action<int> more)
    {
        int pid = PidOf(name);
        Assert.Equal("67108864", EngineCgroups.Read(pid, "memory", "memory.limit_in_bytes"));
        Assert.Equal("50000", EngineCgroups.Read(pid, "cpu", "cpu.cfs_quota_us"));
        Assert.Equal("50", EngineCgroups.Read(pid, "pids", "pids.max"));

        Assert.Equal("bar 1000", Ok($"exec -e FOO=bar --user 1000 {name} sh -c 'echo $FOO $(id -u)'"));
        Assert.Equal(7, Run($"exec {name} sh -c 'exit 7'").ExitCode);
        Assert.Contains("/dev/pts/", Tty($"exec -t {name} tty"));
        more(pid);

        Ok($"pause {name}");
        Assert.Equal("paused", StatusOf(name));
        Assert.Equal("FROZEN", EngineCgroups.Read(pid, "freezer", "freezer.state"));
        Ok($"unpause {name}");
        Assert.Equal("THAWED", EngineCgroups.Read(pid, "freezer", "freezer.state"));

        // The engines send every limit again, 0 for those not given: the pids limit and the CPU quota stay.
        Ok($"update --memory 32m {name}");
        Assert.Equal("33554432", EngineCgroups.Read(pid, "memory", "memory.limit_in_bytes"));
        Assert.Equal("50", EngineCgroups.Read(pid, "pids", "pids.max"));
        Assert.Equal("50000", EngineCgroups.Read(pid, "cpu", "cpu.cfs_quota_us"));

        Ok($"kill -s USR1 {name}");
        WaitUntil(() => Run($"logs {name}").Stdout.Contains("got-usr1"), "the USR1 trap in the logs");
        Ok($"stop -t 10 {name}");
        Assert.Equal("exited", StatusOf(name));
        Assert.Equal("0", Ok($"inspect -f '{{{{.State.ExitCode}}}}' {name}"));
        Ok($"start {name}");
        WaitUntil(() => Run($"logs {name}").Stdout.Split("started").Length == 3, "the second start in the logs");
        int before = PidOf(name);
        Ok($"restart -t 10 {name}");
        Assert.Equal("running", StatusOf(name));
        Assert.NotEqual(before, PidOf(name));
        Ok($"kill {name}");
        Assert.Equal("137", Ok($"wait {name}"));
    }
}
