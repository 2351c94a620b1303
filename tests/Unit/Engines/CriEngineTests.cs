using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using LibContainer.Tests.Engines.Cri;
using Xunit;

namespace LibContainer.Tests.Engines;

/// <summary>Kubernetes' view: containerd's CRI plugin with nsinit as the runtime handler a RuntimeClass names, driven
/// over the CRI gRPC API (Cri/cri.proto) as the kubelet does, from RunPodSandbox to RemovePodSandbox. The pod uses
/// the node's network (no CNI bridge on the host).</summary>
[Trait("Category", "Engines")]
[Collection("Engines")]
public sealed class CriEngineTests(EngineSandbox s)
{
    private static CallOptions Deadline => new(deadline: DateTime.UtcNow.AddSeconds(90));

    private RuntimeService.RuntimeServiceClient Connect(out GrpcChannel channel)
    {
        _ = s.CriContainerd;
        string socket = s.CriSocket;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var sock = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await sock.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(sock, ownsSocket: true);
            },
        };
        channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
        return new RuntimeService.RuntimeServiceClient(channel);
    }

    private PodSandboxConfig Pod(string name) => new()
    {
        Metadata = new PodSandboxMetadata { Name = name, Uid = name, Namespace = "lcengines" },
        // No hostname: the pod shares the node's UTS namespace with its network (runc refuses a hostname there too).
        LogDirectory = Path.Combine(s.Dir, "cri", "logs", name),
        Linux = new LinuxPodSandboxConfig
        {
            CgroupParent = $"{s.CgroupParent}/cri/{name}",
            SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Node } },
        },
    };

    private static int PidOf(RuntimeService.RuntimeServiceClient rt, string id)
    {
        var status = rt.ContainerStatus(new ContainerStatusRequest { ContainerId = id, Verbose = true }, Deadline);
        return JsonDocument.Parse(status.Info["info"]).RootElement.GetProperty("pid").GetInt32();
    }

    [EngineFact("containerd", "ctr")]
    public void Pod_Runs_Through_Cri_With_Nsinit_As_The_RuntimeClass_Handler()
    {
        var rt = Connect(out var channel);
        using var _ = channel;
        string name = "pod-" + s.Tag;
        var pod = Pod(name);
        Directory.CreateDirectory(pod.LogDirectory);
        string? podId = null, ctrId = null;
        try
        {
            podId = rt.RunPodSandbox(new RunPodSandboxRequest { Config = pod, RuntimeHandler = "nsinit" }, Deadline).PodSandboxId;
            var config = new ContainerConfig
            {
                Metadata = new ContainerMetadata { Name = "app" },
                Image = new ImageSpec { Image = EngineSandbox.ImageName },
                Command = { "sh", "-c", "echo hello-from-cri; exec sleep 600" },
                LogPath = "app.log",
                Linux = new LinuxContainerConfig { Resources = new LinuxContainerResources { MemoryLimitInBytes = 64 << 20, CpuPeriod = 100000, CpuQuota = 50000 } },
            };
            ctrId = rt.CreateContainer(new CreateContainerRequest { PodSandboxId = podId, Config = config, SandboxConfig = pod }, Deadline).ContainerId;
            rt.StartContainer(new StartContainerRequest { ContainerId = ctrId }, Deadline);

            int pid = PidOf(rt, ctrId);
            Assert.StartsWith($"{s.CgroupParent}/cri/{name}/", EngineCgroups.PathOf(pid, "memory"));
            Assert.Equal("67108864", EngineCgroups.Read(pid, "memory", "memory.limit_in_bytes"));
            Assert.Equal("50000", EngineCgroups.Read(pid, "cpu", "cpu.cfs_quota_us"));

            var exec = rt.ExecSync(new ExecSyncRequest { ContainerId = ctrId, Cmd = { "sh", "-c", "cat /proc/self/cgroup >/dev/null; echo exec-ok; exit 3" }, Timeout = 30 }, Deadline);
            Assert.Equal(3, exec.ExitCode);
            Assert.Equal("exec-ok\n", exec.Stdout.ToString(Encoding.UTF8));

            var stats = rt.ContainerStats(new ContainerStatsRequest { ContainerId = ctrId }, Deadline).Stats;
            Assert.True(stats.Memory.WorkingSetBytes.Value > 0, stats.ToString());
            Assert.True(stats.Cpu.UsageCoreNanoSeconds.Value > 0, stats.ToString());

            // The kubelet sends 0 for every limit not set (cpu_shares here): "not set", as with runc.
            rt.UpdateContainerResources(new UpdateContainerResourcesRequest
            {
                ContainerId = ctrId,
                Linux = new LinuxContainerResources { MemoryLimitInBytes = 32 << 20, CpuPeriod = 100000, CpuQuota = 50000 },
            }, Deadline);
            Assert.Equal("33554432", EngineCgroups.Read(pid, "memory", "memory.limit_in_bytes"));

            EngineShell.WaitUntil(() => File.Exists(Path.Combine(pod.LogDirectory, "app.log"))
                && File.ReadAllText(Path.Combine(pod.LogDirectory, "app.log")).Contains("stdout F hello-from-cri"), "the container's log line");

            // Before `kill --all` of a stopped container succeeded, StopContainer never returned.
            rt.StopContainer(new StopContainerRequest { ContainerId = ctrId, Timeout = 2 }, Deadline);
            var status = rt.ContainerStatus(new ContainerStatusRequest { ContainerId = ctrId }, Deadline).Status;
            Assert.Equal(Cri.ContainerState.ContainerExited, status.State);
            Assert.Equal(143, status.ExitCode); // SIGTERM: sleep is not pid 1 in the pod's shared pid namespace
            rt.RemoveContainer(new RemoveContainerRequest { ContainerId = ctrId }, Deadline);
            ctrId = null;
            rt.StopPodSandbox(new StopPodSandboxRequest { PodSandboxId = podId }, Deadline);
            rt.RemovePodSandbox(new RemovePodSandboxRequest { PodSandboxId = podId }, Deadline);
            podId = null;
        }
        finally
        {
            if (ctrId is not null) try { rt.RemoveContainer(new RemoveContainerRequest { ContainerId = ctrId }, Deadline); } catch (RpcException) { }
            if (podId is not null)
                try
                {
                    rt.StopPodSandbox(new StopPodSandboxRequest { PodSandboxId = podId }, Deadline);
                    rt.RemovePodSandbox(new RemovePodSandboxRequest { PodSandboxId = podId }, Deadline);
                }
                catch (RpcException) { }
        }
        Assert.DoesNotContain(s.CgroupLeftovers(), d => d.Contains($"/cri/{name}/", StringComparison.Ordinal));
        Assert.DoesNotContain(s.ProcessLeftovers(s.DaemonPids), p => p.Contains("shim", StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(Path.Combine(s.NsinitStateOf("cri"), "k8s.io")));
    }

    [EngineFact("containerd", "ctr")]
    public void RuntimeDefault_Seccomp_Is_In_Effect()
    {
        var rt = Connect(out var channel);
        using var _ = channel;
        var pod = Pod("sec-" + s.Tag);
        Directory.CreateDirectory(pod.LogDirectory);
        string podId = rt.RunPodSandbox(new RunPodSandboxRequest { Config = pod, RuntimeHandler = "nsinit" }, Deadline).PodSandboxId;
        try
        {
            var config = new ContainerConfig
            {
                Metadata = new ContainerMetadata { Name = "sec" },
                Image = new ImageSpec { Image = EngineSandbox.ImageName },
                Command = { "sleep", "600" },
                Linux = new LinuxContainerConfig
                {
                    SecurityContext = new LinuxContainerSecurityContext { Seccomp = new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault } },
                },
            };
            string id = rt.CreateContainer(new CreateContainerRequest { PodSandboxId = podId, Config = config, SandboxConfig = pod }, Deadline).ContainerId;
            rt.StartContainer(new StartContainerRequest { ContainerId = id }, Deadline);
            var exec = rt.ExecSync(new ExecSyncRequest { ContainerId = id, Cmd = { "grep", "Seccomp:", "/proc/self/status" }, Timeout = 30 }, Deadline);
            Assert.Matches(@"Seccomp:\s+2", exec.Stdout.ToString(Encoding.UTF8));
        }
        finally
        {
            rt.StopPodSandbox(new StopPodSandboxRequest { PodSandboxId = podId }, Deadline);
            rt.RemovePodSandbox(new RemovePodSandboxRequest { PodSandboxId = podId }, Deadline);
        }
    }
}
