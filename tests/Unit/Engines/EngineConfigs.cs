namespace LibContainer.Tests.Engines;

/// <summary>The private engine configs the tier writes (the same settings docs/engines.md shows users).</summary>
internal static class EngineConfigs
{
    /// <summary>containers.conf and storage.conf under DIR/podman. The runtime is a two-line wrapper that gives nsinit a
    /// private --root: podman's cleanup process does not pass --runtime-flag on.</summary>
    public static void WritePodman(EngineSandbox s)
    {
        string d = Path.Combine(s.Dir, "podman");
        Directory.CreateDirectory(Path.Combine(d, "bin"));
        string wrapper = Path.Combine(d, "bin", "nsinit");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec {s.Nsinit} --root {s.NsinitStateOf("podman")} \"$@\"\n");
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        File.WriteAllText(Path.Combine(d, "containers.conf"), $"""
            [containers]
            default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

            [engine]
            cgroup_manager = "cgroupfs"
            events_logger = "file"
            events_logfile_path = "{d}/events.log"
            runtime = "nsinit"
            runtime_supports_json = ["nsinit"]
            tmp_dir = "{d}/tmp"
            volume_path = "{d}/volumes"

            [engine.runtimes]
            nsinit = ["{wrapper}"]

            [network]
            network_config_dir = "{d}/networks"
            """);
        File.WriteAllText(Path.Combine(d, "storage.conf"), $"""
            [storage]
            driver = "overlay"
            graphroot = "{d}/graph"
            runroot = "{d}/run"
            """);
        File.WriteAllText(Path.Combine(d, "registries.conf"), "unqualified-search-registries = []\n");
    }

    /// <summary>A private containerd: root, state, grpc/ttrpc/debug sockets under DIR/containerd; CRI disabled.</summary>
    public static string WriteContainerd(EngineSandbox s)
    {
        string d = Path.Combine(s.Dir, "containerd");
        Directory.CreateDirectory(d);
        string conf = Path.Combine(d, "config.toml");
        File.WriteAllText(conf, "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]\n" + ContainerdRoots(d));
        return conf;
    }

    /// <summary>Root, state, grpc/ttrpc/debug sockets and the opt directory of a containerd under <paramref name="d"/>.</summary>
    private static string ContainerdRoots(string d) => $"""
        version = 2
        root = "{d}/root"
        state = "{d}/state"
        [grpc]
          address = "{d}/containerd.sock"
        [ttrpc]
          address = "{d}/containerd.sock.ttrpc"
        [debug]
          address = "{d}/debug.sock"
        [plugins."io.containerd.internal.v1.opt"]
          path = "{d}/opt"

        """;

    /// <summary>containerd with the CRI plugin: the runtime handler "nsinit" names nsinit as the runc.v2 shim's binary;
    /// restrict_oom_score_adj because root lacks CAP_SYS_RESOURCE here (runc and crun need it too); network
    /// namespaces mounted under the state directory; CNI files under DIR/cri (the test's pods use the node's network).</summary>
    public static string WriteCri(EngineSandbox s)
    {
        string d = Path.Combine(s.Dir, "cri");
        Directory.CreateDirectory(Path.Combine(d, "cni"));
        string conf = Path.Combine(d, "config.toml");
        File.WriteAllText(conf, ContainerdRoots(d) + $"""
            [plugins."io.containerd.grpc.v1.cri"]
              sandbox_image = "{EngineSandbox.ImageName}"
              restrict_oom_score_adj = true
              disable_apparmor = true
              netns_mounts_under_state_dir = true
              stream_server_address = "127.0.0.1"
              stream_server_port = "0"
              [plugins."io.containerd.grpc.v1.cri".cni]
                bin_dir = "/usr/lib/cni"
                conf_dir = "{d}/cni"
              [plugins."io.containerd.grpc.v1.cri".containerd]
                default_runtime_name = "nsinit"
              [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.nsinit]
                runtime_type = "io.containerd.runc.v2"
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.nsinit.options]
                  BinaryName = "{s.Nsinit}"
                  Root = "{s.NsinitStateOf("cri")}"
            """);
        return conf;
    }

    /// <summary>daemon.json: own socket, data and exec roots on the sandbox's containerd; no bridge or firewall rules;
    /// cgroupfs under the sandbox's parent; nsinit as the default runtime.</summary>
    public static string WriteDockerd(EngineSandbox s)
    {
        string d = Path.Combine(s.Dir, "docker");
        Directory.CreateDirectory(d);
        string conf = Path.Combine(d, "daemon.json");
        File.WriteAllText(conf, $$"""
            {
              "hosts": ["unix://{{d}}/docker.sock"],
              "data-root": "{{d}}/data",
              "exec-root": "{{d}}/exec",
              "pidfile": "{{d}}/docker.pid",
              "containerd": "{{s.ContainerdSocket}}",
              "containerd-namespace": "lcengines-docker",
              "containerd-plugins-namespace": "lcengines-docker-plugins",
              "bridge": "none",
              "iptables": false,
              "ip6tables": false,
              "ip-forward": false,
              "ip-masq": false,
              "exec-opts": ["native.cgroupdriver=cgroupfs"],
              "cgroup-parent": "{{s.CgroupParent}}/docker",
              "runtimes": { "nsinit": { "path": "{{s.Nsinit}}" } },
              "default-runtime": "nsinit"
            }
            """);
        return conf;
    }
}
