using LibContainer.Tests.Runtime;
using Xunit;
using static LibContainer.Tests.Engines.EngineShell;

namespace LibContainer.Tests.Engines;

/// <summary>dockerd 20.10 (daemon.json "runtimes", nsinit the default) on the sandbox's containerd. Before the engine
/// zeros were read as "not set", every `docker run` failed (blockIO.weight 0) and every `docker update` too.</summary>
[Trait("Category", "Engines")]
[Collection("Engines")]
public sealed class DockerEngineTests(EngineSandbox s)
{
    private const string Loop = "sh -c 'trap \"echo got-usr1\" USR1; trap \"exit 0\" TERM; echo started; while :; do sleep 0.2; done'";

    private string D => s.Docker + " ";
    private NsinitResult Run(string args) => Sh(D + args);
    private string Dk(string args) => Ok(D + args).Trim();
    private int PidOf(string name) => int.Parse(Dk($"inspect -f '{{{{.State.Pid}}}}' {name}"));
    private string StatusOf(string name) => Dk($"inspect -f '{{{{.State.Status}}}}' {name}");

    [EngineFact("containerd", "dockerd", "docker", "script")]
    public void Run_Rm_Terminal_Init_And_Host_Network()
    {
        _ = s.Dockerd;
        string img = EngineSandbox.ImageName;
        var r = Run($"run --rm --network none {img} sh -c 'echo hi; grep NSsid /proc/1/status; exit 3'");
        Assert.True(r.ExitCode == 3, r.ToString());
        Assert.Contains("hi", r.Stdout);
        Assert.Matches(@"NSsid:\s+1\b", r.Stdout);

        Assert.Contains("/dev/pts/0", Ok($"script -qec {Q($"{D}run --rm -t --network none {img} tty")} /dev/null"));
        Assert.Contains("docker-init", Dk($"run --rm --init --network none {img} cat /proc/1/cmdline"));
        string hostNet = Ok("readlink /proc/self/ns/net").Trim();
        Assert.Equal(hostNet, Dk($"run --rm --network host {img} readlink /proc/self/ns/net"));
    }

    [EngineFact("containerd", "dockerd", "docker", "script")]
    public void Detached_Container_Lifecycle()
    {
        _ = s.Dockerd;
        string n = "life-" + s.Tag;
        try
        {
            Dk($"run -d --name {n} --network none --memory 64m --cpus 0.5 --pids-limit 50 {EngineSandbox.ImageName} {Loop}");
            int pid = PidOf(n);
            Assert.StartsWith($"{s.CgroupParent}/docker/", EngineCgroups.PathOf(pid, "memory"));
            Assert.Equal("67108864", EngineCgroups.Read(pid, "memory", "memory.limit_in_bytes"));
            Assert.Equal("50000", EngineCgroups.Read(pid, "cpu", "cpu.cfs_quota_us"));
            Assert.Equal("50", EngineCgroups.Read(pid, "pids", "pids.max"));

            Assert.Equal("bar 1000", Dk($"exec -e FOO=bar -u 1000 {n} sh -c 'echo $FOO $(id -u)'"));
            Assert.Equal(7, Run($"exec {n} sh -c 'exit 7'").ExitCode);
            Assert.Contains("/dev/pts/", Ok($"script -qec {Q($"{D}exec -t {n} tty")} /dev/null"));
            Assert.Contains("sleep", Dk($"top {n}"));
            Assert.Contains("64MiB", Dk($"stats --no-stream --format '{{{{.MemUsage}}}}' {n}"));

            Dk($"pause {n}");
            Assert.Equal("paused", StatusOf(n));
            Assert.Equal("FROZEN", EngineCgroups.Read(pid, "freezer", "freezer.state"));
            Dk($"unpause {n}");
            Assert.Equal("THAWED", EngineCgroups.Read(pid, "freezer", "freezer.state"));

            // dockerd sends every limit, 0 for those not given: the pids limit and the CPU quota stay.
            Dk($"update --memory 32m {n}");
            Assert.Equal("33554432", EngineCgroups.Read(pid, "memory", "memory.limit_in_bytes"));
            Assert.Equal("50", EngineCgroups.Read(pid, "pids", "pids.max"));
            Assert.Equal("50000", EngineCgroups.Read(pid, "cpu", "cpu.cfs_quota_us"));

            Dk($"kill -s USR1 {n}");
            WaitUntil(() => Run($"logs {n}").Stdout.Contains("got-usr1"), "the USR1 trap in the logs");
            Dk($"stop -t 10 {n}");
            Assert.Equal("exited", StatusOf(n));
            Assert.Equal("0", Dk($"inspect -f '{{{{.State.ExitCode}}}}' {n}"));
            Dk($"start {n}");
            Assert.Equal("running", StatusOf(n));
            int before = PidOf(n);
            Dk($"restart -t 10 {n}");
            Assert.NotEqual(before, PidOf(n));
            Dk($"kill {n}");
            Assert.Equal("137", Dk($"wait {n}"));
        }
        finally { Run($"rm -f {n}"); }
        Assert.DoesNotContain(s.CgroupLeftovers(), d => d.Contains("/docker/", StringComparison.Ordinal));
        Assert.DoesNotContain(s.ProcessLeftovers(s.DaemonPids), p => p.Contains("shim", StringComparison.Ordinal));
    }

    [EngineFact("containerd", "dockerd", "docker", Skip = "needs seccomp (issue 10)")]
    public void Default_Seccomp_Profile_Is_In_Effect()
    {
        _ = s.Dockerd;
        Assert.Matches(@"Seccomp:\s+2", Dk($"run --rm --network none {EngineSandbox.ImageName} grep Seccomp: /proc/self/status"));
        Assert.NotEqual(0, Run($"run --rm --network none {EngineSandbox.ImageName} unshare -U -r id").ExitCode);
    }
}
