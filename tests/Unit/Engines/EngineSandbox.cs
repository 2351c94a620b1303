using System.Diagnostics;
using LibContainer.Tests.CgroupsE2E;
using LibContainer.Tests.Runtime;
using static LibContainer.Tests.Engines.EngineShell;

namespace LibContainer.Tests.Engines;

/// <summary>
/// Everything the engine tier starts lives here and goes with it: one temp directory holding each engine's private
/// config, sockets, state and data root; the image (the busybox rootfs, `podman import`ed, saved as OCI and docker
/// archives: no registry); a network namespace podman's networks live in; the cgroup parent /lcengines-TAG every
/// container is placed under; containerd and dockerd daemons started on first use. Dispose stops the daemons by pid,
/// and removes what is left: mounts under the directory, the cgroup parent in every hierarchy, the netns.
/// </summary>
public sealed class EngineSandbox : IDisposable
{
    /// <summary>What the daemons create outside their configured roots whatever the config says: the runc.v2 shim's
    /// sockets and fifos, dockerd's plugin directory and trust key. Removed again when the sandbox created them.</summary>
    private static readonly string[] HostPaths = ["/run/containerd", "/run/docker", "/etc/docker/key.json"];
    private readonly Lazy<string> _image;
    private EngineDaemon? _containerd, _dockerd, _cri;
    private readonly List<string> _createdHostPaths = HostPaths.Where(p => !Path.Exists(p)).ToList();

    public EngineSandbox()
    {
        Tag = Guid.NewGuid().ToString("N")[..8];
        Dir = Path.Combine(Path.GetTempPath(), "lcengines-" + Tag);
        Nsinit = Locate("LIBCONTAINER_NSINIT", "out/LibContainer/nsinit");
        Rootfs = Locate("LIBCONTAINER_ROOTFS", "out/rootfs");
        _image = new Lazy<string>(BuildImage);
    }

    public string Tag { get; }
    public string Dir { get; }
    public string Nsinit { get; }
    public string Rootfs { get; }
    // Named with the test run's tag (build.ps1 -Test), so its sweep finds them when a killed run leaves them behind.
    private static string RunTag => Environment.GetEnvironmentVariable("LIBCONTAINER_TEST_TAG") ?? "";
    public string CgroupParent => "/nsinit-test-" + RunTag + "engines-" + Tag;
    public string Netns => "lc-engines-" + RunTag + Tag;
    public const string ImageName = "localhost/lcengines:latest";

    /// <summary>The image in podman's private storage; archives at <see cref="OciArchive"/> and <see cref="DockerArchive"/>.</summary>
    public string Image => _image.Value;
    public string OciArchive => Path.Combine(Dir, "image.oci.tar");
    public string DockerArchive => Path.Combine(Dir, "image.docker.tar");

    public Dictionary<string, string> PodmanEnv => new()
    {
        ["CONTAINERS_CONF"] = Path.Combine(Dir, "podman", "containers.conf"),
        ["CONTAINERS_STORAGE_CONF"] = Path.Combine(Dir, "podman", "storage.conf"),
        ["CONTAINERS_REGISTRIES_CONF"] = Path.Combine(Dir, "podman", "registries.conf"),
    };

    /// <summary>podman in the sandbox's network namespace (its bridges and firewall rules never reach the host's).</summary>
    public string Podman => $"nsenter --net=/run/netns/{Netns} podman";

    public string NsinitStateOf(string engine) => Path.Combine(Dir, engine, "nsinit-state");

    private string BuildImage()
    {
        EngineConfigs.WritePodman(this);
        Ok($"ip netns add {Netns} && ip -n {Netns} link set lo up");
        // CMD: the CRI pod sandbox ("pause") container runs the image's own command.
        Ok($"tar -C {Q(Rootfs)} -c . | podman import --change 'CMD [\"/bin/sleep\", \"2147483647\"]' - {ImageName} >/dev/null", PodmanEnv, 180_000);
        Ok($"podman save -q --format oci-archive -o {Q(OciArchive)} {ImageName} && podman save -q --format docker-archive -o {Q(DockerArchive)} {ImageName}", PodmanEnv, 180_000);
        return ImageName;
    }

    /// <summary>containerd with a private config (CRI off), sockets and state; the image imported in namespace "lcengines".</summary>
    public EngineDaemon Containerd
    {
        get
        {
            if (_containerd is not null) return _containerd;
            _ = Image;
            return _containerd = StartContainerd(EngineConfigs.WriteContainerd(this), ContainerdSocket, "lcengines");
        }
    }

    public string ContainerdSocket => Path.Combine(Dir, "containerd", "containerd.sock");
    public string Ctr => $"ctr -a {Q(ContainerdSocket)} -n lcengines";

    /// <summary>dockerd on the sandbox's containerd (its own namespace), no bridge, no iptables, cgroupfs, nsinit as the
    /// default runtime; the image loaded from the docker archive.</summary>
    public EngineDaemon Dockerd
    {
        get
        {
            if (_dockerd is not null) return _dockerd;
            _ = Containerd;
            string conf = EngineConfigs.WriteDockerd(this);
            _dockerd = EngineDaemon.Start("dockerd", $"dockerd --config-file {Q(conf)}", Path.Combine(Dir, "docker"),
                () => Sh($"{Docker} version").ExitCode == 0);
            Ok($"{Docker} load -q -i {Q(DockerArchive)}", timeoutMs: 180_000);
            return _dockerd;
        }
    }

    public string Docker => $"docker -H unix://{Path.Combine(Dir, "docker", "docker.sock")}";

    /// <summary>A second containerd with its CRI plugin on and the runtime handler "nsinit" (runc.v2 shim, BinaryName
    /// nsinit); the image imported in CRI's namespace k8s.io (it is the pod sandbox image too).</summary>
    public EngineDaemon CriContainerd
    {
        get
        {
            if (_cri is not null) return _cri;
            _ = Image;
            return _cri = StartContainerd(EngineConfigs.WriteCri(this), CriSocket, "k8s.io");
        }
    }

    public string CriSocket => Path.Combine(Dir, "cri", "containerd.sock");

    private EngineDaemon StartContainerd(string conf, string socket, string ns)
    {
        var daemon = EngineDaemon.Start("containerd", $"containerd --config {Q(conf)}", Path.GetDirectoryName(conf)!,
            () => Sh($"ctr -a {Q(socket)} version").ExitCode == 0);
        Ok($"ctr -a {Q(socket)} -n {ns} images import --base-name localhost/lcengines {Q(OciArchive)}", timeoutMs: 180_000);
        return daemon;
    }

    /// <summary>The cgroup directories left under the sandbox's parent in any hierarchy (containers must leave none).</summary>
    public List<string> CgroupLeftovers()
        => CgroupE2E.CgroupMounts().Select(m => Path.Combine(m, CgroupParent.TrimStart('/'))).Where(Directory.Exists)
            .SelectMany(d => Directory.GetDirectories(d, "*", SearchOption.AllDirectories)).ToList();

    /// <summary>Processes (conmon, shims, container processes) whose command line names the sandbox directory.</summary>
    public List<string> ProcessLeftovers(params int[] except)
    {
        var result = new List<string>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || pid == Environment.ProcessId || except.Contains(pid)) continue;
            string cmd;
            try { cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '); } catch (IOException) { continue; }
            if (cmd.Contains(Dir, StringComparison.Ordinal) || cmd.Contains("lcengines", StringComparison.Ordinal) && !cmd.Contains("dotnet", StringComparison.Ordinal))
                result.Add($"{pid}: {cmd}");
        }
        return result;
    }

    public int[] DaemonPids => new[] { _containerd?.Pid ?? 0, _dockerd?.Pid ?? 0, _cri?.Pid ?? 0 };

    public void Dispose()
    {
        _dockerd?.Stop();
        _containerd?.Stop();
        _cri?.Stop();
        if (_image.IsValueCreated)
            Sh($"{Podman} rm -a -f -t 0; {Podman} pod rm -a -f; podman rmi -a -f; podman system reset -f", PodmanEnv, 180_000);
        KillLeftovers();
        Sh($"grep -o ' {Dir}[^ ]*' /proc/self/mountinfo | sort -r | while read m; do umount -l \"$m\"; done");
        foreach (var mount in CgroupE2E.CgroupMounts())
        {
            var parent = Path.Combine(mount, CgroupParent.TrimStart('/'));
            if (!Directory.Exists(parent)) continue;
            foreach (var d in Directory.GetDirectories(parent, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(parent))
                try { Directory.Delete(d); } catch (IOException) { }
        }
        Sh($"ip netns del {Netns} 2>/dev/null; true");
        foreach (var p in _createdHostPaths.Where(Path.Exists))
            if (File.Exists(p)) File.Delete(p);
            else Sh($"find {Q(p)} -depth -type d -empty -delete"); // empty directories only: another engine may have come
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>What a failed test leaves running (a shim whose daemon is gone, a container an engine could not stop):
    /// the processes naming the sandbox directory and those in its cgroups get SIGKILL, by pid, until none is left.</summary>
    private void KillLeftovers()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.ElapsedMilliseconds < 20_000)
        {
            var pids = ProcessLeftovers().Select(p => int.Parse(p[..p.IndexOf(':')]))
                .Concat(CgroupE2E.CgroupMounts().Select(m => Path.Combine(m, CgroupParent.TrimStart('/'))).Where(Directory.Exists)
                    .SelectMany(d => Directory.GetFiles(d, "cgroup.procs", SearchOption.AllDirectories))
                    .SelectMany(f => File.ReadAllLines(f)).Select(int.Parse))
                .Distinct().ToList();
            if (pids.Count == 0) return;
            foreach (int pid in pids) Tmds.Linux.LibC.kill(pid, Tmds.Linux.LibC.SIGKILL);
            Thread.Sleep(100);
        }
    }

    private static string Locate(string env, string relative)
    {
        if (Environment.GetEnvironmentVariable(env) is { Length: > 0 } v) return v;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LibContainer.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? ".", relative);
    }
}

/// <summary>An engine daemon the sandbox started (by pid): SIGTERM, then SIGKILL after a deadline.</summary>
public sealed class EngineDaemon
{
    private readonly Process _process;

    private EngineDaemon(Process process) => _process = process;

    public int Pid => _process.Id;

    public static EngineDaemon Start(string name, string command, string dir, Func<bool> ready)
    {
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"exec {command} >{Q(Path.Combine(dir, name + ".log"))} 2>&1 </dev/null");
        var p = Process.Start(psi)!;
        var daemon = new EngineDaemon(p);
        var deadline = Stopwatch.StartNew();
        while (!ready())
        {
            if (p.HasExited || deadline.ElapsedMilliseconds > 60_000)
            {
                daemon.Stop();
                Xunit.Assert.Fail($"{name} did not start: {File.ReadAllText(Path.Combine(dir, name + ".log"))}");
            }
            Thread.Sleep(100);
        }
        return daemon;
    }

    public void Stop()
    {
        if (_process.HasExited) return;
        Tmds.Linux.LibC.kill(_process.Id, Tmds.Linux.LibC.SIGTERM);
        if (!_process.WaitForExit(30_000)) _process.Kill();
        _process.WaitForExit(10_000);
    }
}
