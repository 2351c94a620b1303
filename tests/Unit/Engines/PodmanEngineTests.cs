using LibContainer.Tests.Runtime;
using Xunit;
using static LibContainer.Tests.Engines.EngineShell;

namespace LibContainer.Tests.Engines;

/// <summary>podman 4.3 with nsinit as its runtime (private containers.conf and storage, in the sandbox's network
/// namespace): each flow checks what it did inside the container or in its cgroup files.</summary>
[Trait("Category", "Engines")]
[Collection("Engines")]
public sealed class PodmanEngineTests(EngineSandbox s)
{
    private string P => $"{s.Podman} ";
    private string Img => s.Image;
    private string Parent => $"--cgroup-parent {s.CgroupParent}/podman";
    private NsinitResult Run(string args, int timeoutMs = 90_000) => Sh(P + args, s.PodmanEnv, timeoutMs);
    private string Pod(string args) => Ok(P + args, s.PodmanEnv).Trim();

    [EngineFact("podman", "nsenter", "script")]
    public void Run_Rm_Interactive_Terminal_And_Init()
    {
        var r = Run($"run --rm --network none {Parent} {Img} sh -c 'echo hi; grep NSsid /proc/1/status; exit 3'");
        Assert.True(r.ExitCode == 3, r.ToString());
        Assert.Contains("hi", r.Stdout);
        Assert.Matches(@"NSsid:\s+1\b", r.Stdout);

        Assert.Equal("piped", Ok($"echo piped | {P}run --rm -i --network none {Parent} {Img} cat", s.PodmanEnv).Trim());
        Assert.Contains("/dev/pts/0", Ok($"script -qec {Q($"{P}run --rm -t --network none {Parent} {Img} tty")} /dev/null", s.PodmanEnv));
        Assert.Contains("podman-init", Pod($"run --rm --init --network none {Parent} {Img} cat /proc/1/cmdline"));
    }

    [EngineFact("podman", "nsenter", "script")]
    public void Detached_Container_Lifecycle()
    {
        string n = "life-" + s.Tag;
        var cli = new DockerCliFlows(s.Podman, s.PodmanEnv);
        try
        {
            Pod($"run -d --name {n} --network none {Parent} {DockerCliFlows.Limits} {Img} {DockerCliFlows.Loop}");
            cli.Detached(n, _ =>
            {
                Pod($"exec -d {n} sh -c 'echo detached > /execd'");
                WaitUntil(() => Run($"exec {n} cat /execd").Stdout.Trim() == "detached", "exec -d to write /execd");
                File.WriteAllText(Path.Combine(s.Dir, "fd3.txt"), "kept");
                Assert.Equal("kept", Ok($"{P}exec --preserve-fds 1 {n} cat /proc/self/fd/3 3<{Q(Path.Combine(s.Dir, "fd3.txt"))}", s.PodmanEnv).Trim());
                Assert.Contains("sleep", Pod($"top {n} args"));
                Assert.Contains("67.11MB", Pod($"stats --no-stream --format '{{{{.MemUsage}}}}' {n}"));
            });
        }
        finally { Run($"rm -f -t 0 {n}"); }
        Assert.DoesNotContain(s.CgroupLeftovers(), d => d.Contains("libpod-", StringComparison.Ordinal));
        Assert.Empty(Directory.Exists(s.NsinitStateOf("podman")) ? Directory.GetDirectories(s.NsinitStateOf("podman")) : []);
    }

    [EngineFact("podman", "nsenter")]
    public void User_ReadOnly_CapDrop_Privileged_Device_Uidmap_PidHost()
    {
        var r = Run($"run --rm --network none {Parent} --user 1000:1000 --read-only --cap-drop all {Img} sh -c 'id -u; grep CapEff /proc/self/status; touch /x'");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("1000", r.Stdout);
        Assert.Matches(@"CapEff:\s+0000000000000000", r.Stdout);
        Assert.Contains("Read-only file system", r.Stderr + r.Stdout);

        // podman passes the host device's st_mode (S_IFCHR|0600 = 8576): refused before, masked now.
        Assert.StartsWith("crw", Pod($"run --rm --network none {Parent} --privileged {Img} ls -l /dev/fuse"));
        Assert.StartsWith("crw", Pod($"run --rm --network none {Parent} --device /dev/fuse {Img} ls -l /dev/fuse"));

        var map = Pod($"run --rm --network none {Parent} --uidmap 0:100000:65536 --gidmap 0:100000:65536 {Img} cat /proc/self/uid_map");
        Assert.Equal("0 100000 65536", string.Join(' ', map.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(File.ReadAllText("/proc/1/comm").Trim(), Pod($"run --rm --network none {Parent} --pid host {Img} cat /proc/1/comm"));
    }

    [EngineFact("podman", "nsenter")]
    public void Pod_Shares_A_Network_Namespace_And_The_Default_Network_Connects_Containers()
    {
        string pod = "pod-" + s.Tag, a = "a-" + s.Tag, b = "b-" + s.Tag, server = "srv-" + s.Tag;
        try
        {
            Pod($"pod create --name {pod} --network none {Parent}");
            Pod($"run -d --pod {pod} --name {a} {Img} sleep 600");
            Pod($"run -d --pod {pod} --name {b} {Img} sleep 600");
            Assert.Equal(Pod($"exec {a} readlink /proc/1/ns/net"), Pod($"exec {b} readlink /proc/1/ns/net"));

            Pod($"run -d --name {server} {Parent} {Img} sleep 600");
            string ip = Pod($"inspect -f '{{{{.NetworkSettings.IPAddress}}}}' {server}");
            Assert.Contains("1 packets received", Pod($"run --rm {Parent} {Img} ping -c 1 -W 5 {ip}"));
        }
        finally
        {
            Run($"rm -f -t 0 {server}");
            Run($"pod rm -f -t 0 {pod}");
        }
        Assert.DoesNotContain(s.ProcessLeftovers(s.DaemonPids), p => p.Contains("conmon", StringComparison.Ordinal));
    }

    [EngineFact("podman", "nsenter")]
    public void Default_Seccomp_Profile_Is_In_Effect()
    {
        Assert.Matches(@"Seccomp:\s+2", Pod($"run --rm --network none {Parent} {Img} grep Seccomp: /proc/self/status"));
    }
}
