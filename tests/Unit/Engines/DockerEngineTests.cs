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
    private string D => s.Docker + " ";
    private NsinitResult Run(string args) => Sh(D + args);
    private string Dk(string args) => Ok(D + args).Trim();

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
            Dk($"run -d --name {n} --network none {DockerCliFlows.Limits} {EngineSandbox.ImageName} {DockerCliFlows.Loop}");
            new DockerCliFlows(s.Docker).Detached(n, pid =>
            {
                Assert.StartsWith($"{s.CgroupParent}/docker/", EngineCgroups.PathOf(pid, "memory"));
                Assert.Contains("sleep", Dk($"top {n}"));
                Assert.Contains("64MiB", Dk($"stats --no-stream --format '{{{{.MemUsage}}}}' {n}"));
            });
        }
        finally { Run($"rm -f {n}"); }
        Assert.DoesNotContain(s.CgroupLeftovers(), d => d.Contains("/docker/", StringComparison.Ordinal));
        Assert.DoesNotContain(s.ProcessLeftovers(s.DaemonPids), p => p.Contains("shim", StringComparison.Ordinal));
    }

    [EngineFact("containerd", "dockerd", "docker")]
    public void Default_Seccomp_Profile_Is_In_Effect()
    {
        _ = s.Dockerd;
        Assert.Matches(@"Seccomp:\s+2", Dk($"run --rm --network none {EngineSandbox.ImageName} grep Seccomp: /proc/self/status"));
        Assert.Contains("Operation not permitted", Run($"run --rm --network none {EngineSandbox.ImageName} unshare -U -r id").Stderr);
    }
}
