using LibContainer.Config;
using LibContainer.Network;
using Xunit;

namespace LibContainer.Tests.Config;

/// <summary>Every rule with its exact message: each case breaks one thing in an otherwise valid spec.</summary>
public class ValidationRuleTests
{
    const string NsList = "pid, network, mount, ipc, uts, user, cgroup, time";
    const string Nets = "annotations[\"org.libcontainer.networks\"]";
    const string Routes = "annotations[\"org.libcontainer.routes\"]";

    static void Ns(Spec s, string type) => s.Linux!.Namespaces!.Add(new LinuxNamespace { Type = type });
    static void NoNs(Spec s, string type) => s.Linux!.Namespaces!.RemoveAll(n => n.Type == type);
    static LinuxResources Res(Spec s) => s.Linux!.Resources ??= new LinuxResources();
    static void Net(Spec s, string json) => s.Annotations = new() { [NetworkAnnotations.Networks] = json };
    static void Veth(Spec s, string fields) => Net(s, $$"""[{"type":"veth","bridge":"br0",{{fields}}}]""");
    static LinuxSeccomp Seccomp(Spec s) => s.Linux!.Seccomp ??= new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW" };

    static readonly Dictionary<string, (Action<Spec> Break, string[] Expected)> Cases = new()
    {
        // top level
        ["ociVersion"] = (s => s.OciVersion = "2.0.0", ["ociVersion: \"2.0.0\" is not a supported version (expected 1.x.y)"]),
        ["root missing"] = (s => s.Root = null, ["root: is required (the container's root filesystem)"]),
        ["root.path empty"] = (s => s.Root!.Path = "", ["root.path: is required (the container's root filesystem)"]),
        ["hostname needs uts"] = (s => NoNs(s, "uts"), ["hostname: \"nsinit\" needs a uts namespace (linux.namespaces has no \"uts\")"]),
        ["hostname too long"] = (s => s.Hostname = new string('h', 65), [$"hostname: \"{new string('h', 65)}\" is longer than 64 characters"]),
        ["hostname chars"] = (s => s.Hostname = "a b", ["hostname: \"a b\" contains a space, '/' or a control character"]),
        ["domainname needs uts"] = (s => { s.Hostname = null; s.Domainname = "x.org"; NoNs(s, "uts"); }, ["domainname: \"x.org\" needs a uts namespace (linux.namespaces has no \"uts\")"]),
        ["annotation key"] = (s => s.Annotations = new() { [""] = "x" }, ["annotations: has an empty key"]),
        // hooks
        ["hook path"] = (s => s.Hooks = new Hooks { Prestart = [new Hook { Path = "hook" }] }, ["hooks.prestart[0].path: \"hook\" is not an absolute path"]),
        ["hook timeout"] = (s => s.Hooks = new Hooks { Poststop = [new Hook { Path = "/h", Timeout = 0 }] }, ["hooks.poststop[0].timeout: 0 is not a timeout (must be > 0 seconds)"]),
        ["hook env"] = (s => s.Hooks = new Hooks { CreateRuntime = [new Hook { Path = "/h", Env = ["X"] }] }, ["hooks.createRuntime[0].env[0]: \"X\" is not KEY=VALUE"]),
        ["hook null"] = (s => s.Hooks = new Hooks { StartContainer = [null!] }, ["hooks.startContainer[0]: must not be null"]),
        // process
        ["args empty"] = (s => s.Process!.Args = [], ["process.args: must not be empty when process is present"]),
        ["args missing"] = (s => s.Process!.Args = null, ["process.args: must not be empty when process is present"]),
        ["args[0] empty"] = (s => s.Process!.Args = [""], ["process.args[0]: \"\" is not a command"]),
        ["args null item"] = (s => s.Process!.Args = ["sh", null!], ["process.args[1]: must be a string, not null"]),
        ["cwd"] = (s => s.Process!.Cwd = "home", ["process.cwd: \"home\" is not an absolute path"]),
        ["env"] = (s => s.Process!.Env!.Add("NOEQUALS"), ["process.env[2]: \"NOEQUALS\" is not KEY=VALUE"]),
        ["env empty key"] = (s => s.Process!.Env!.Add("=x"), ["process.env[2]: \"=x\" is not KEY=VALUE"]),
        ["umask"] = (s => s.Process!.User.Umask = 512, ["process.user.umask: 512 is not a file mode creation mask (0..511, i.e. 0777)"]),
        ["capability unknown"] = (s => s.Process!.Capabilities!.Bounding!.Add("CAP_FOO"), ["process.capabilities.bounding[14]: \"CAP_FOO\" is not a capability (expected CAP_ and one of the 41 Linux capabilities, e.g. CAP_CHOWN)"]),
        ["capability prefix"] = (s => s.Process!.Capabilities!.Ambient = ["net_raw"], ["process.capabilities.ambient[0]: \"net_raw\" is not a capability name (use \"CAP_NET_RAW\")"]),
        ["rlimit type"] = (s => s.Process!.Rlimits![0].Type = "RLIMIT_FOO", ["process.rlimits[0].type: \"RLIMIT_FOO\" is not an rlimit type (expected one of: RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE, RLIMIT_RSS, RLIMIT_NPROC, RLIMIT_NOFILE, RLIMIT_MEMLOCK, RLIMIT_AS, RLIMIT_LOCKS, RLIMIT_SIGPENDING, RLIMIT_MSGQUEUE, RLIMIT_NICE, RLIMIT_RTPRIO, RLIMIT_RTTIME)"]),
        ["rlimit soft>hard"] = (s => s.Process!.Rlimits![0].Soft = 2048, ["process.rlimits[0].soft: soft limit 2048 is greater than hard limit 1024"]),
        ["rlimit duplicate"] = (s => s.Process!.Rlimits!.Add(new PosixRlimit { Type = "RLIMIT_NOFILE", Soft = 1, Hard = 1 }), ["process.rlimits[1].type: \"RLIMIT_NOFILE\" is set more than once"]),
        ["oomScoreAdj"] = (s => s.Process!.OomScoreAdj = 1001, ["process.oomScoreAdj: 1001 is out of range (-1000..1000)"]),
        ["scheduler"] = (s => s.Process!.Scheduler = new Scheduler { Policy = "SCHED_FAST", Nice = 20 }, ["process.scheduler.policy: \"SCHED_FAST\" is not a scheduling policy (expected one of: SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_ISO, SCHED_IDLE, SCHED_DEADLINE)", "process.scheduler.nice: 20 is out of range (-20..19)"]),
        ["ioPriority"] = (s => s.Process!.IoPriority = new IoPriority { Class = "IOPRIO_CLASS_BE", Priority = 8 }, ["process.ioPriority.priority: 8 is out of range (0..7)"]),
        ["execCPUAffinity"] = (s => s.Process!.ExecCPUAffinity = new CpuAffinity { Initial = "1-0" }, ["process.execCPUAffinity.initial: \"1-0\" is not a CPU list (expected e.g. \"0-3,5\")"]),
        // mounts
        ["mount destination"] = (s => s.Mounts![0].Destination = "proc", ["mounts[0].destination: \"proc\" is not an absolute path"]),
        ["mount option"] = (s => s.Mounts![1].Options!.Add("bogus"), ["mounts[1].options[4]: \"bogus\" is not a known mount option"]),
        ["mount option comma"] = (s => s.Mounts![0].Options = ["ro,nosuid"], ["mounts[0].options[0]: \"ro,nosuid\" is not a known mount option"]),
        ["bind source"] = (s => s.Mounts!.Add(new Mount { Destination = "/x", Type = "none", Options = ["rbind"] }), ["mounts[7].source: is required for a bind mount"]),
        ["mount mapping size"] = (s => s.Mounts!.Add(new Mount { Destination = "/x", Type = "bind", Source = "/y", UidMappings = [new IdMapping { Size = 0 }], GidMappings = [new IdMapping { Size = 1 }] }), ["mounts[7].uidMappings[0].size: 0 is not a mapping size (must be > 0)"]),
        ["mount option refused"] = (s => s.Mounts![1].Options!.Add("Z"), ["mounts[1].options[4]: \"Z\" SELinux relabeling is the engine's job; this runtime does not relabel"]),
        ["bind superblock flag"] = (s => s.Mounts!.Add(new Mount { Destination = "/x", Type = "bind", Source = "/y", Options = ["rbind", "lazytime"] }), ["mounts[7].options[1]: \"lazytime\" is a filesystem (superblock) flag, which a bind mount cannot set"]),
        ["bind data"] = (s => s.Mounts!.Add(new Mount { Destination = "/x", Source = "/y", Options = ["rbind", "mode=755"] }), ["mounts[7].options[1]: \"mode=755\" is filesystem data, which a bind mount does not take"]),
        ["cgroup data"] = (s => s.Mounts![6].Options!.Add("memory"), ["mounts[6].options[5]: \"memory\" is filesystem data, which a cgroup mount does not take"]),
        ["cgroup flag"] = (s => s.Mounts![6].Options!.Add("strictatime"), ["mounts[6].options[5]: \"strictatime\" is not applied to the cgroup mount (it takes ro, nosuid, nodev, noexec, relatime, noatime)"]),
                ["tmpcopyup type"] = (s => s.Mounts!.Add(new Mount { Destination = "/x", Type = "bind", Source = "/y", Options = ["tmpcopyup"] }), ["mounts[7].options[0]: \"tmpcopyup\" applies to tmpfs mounts only"]),
        ["idmap not bind"] = (s => s.Mounts!.Add(new Mount { Destination = "/x", Type = "tmpfs", Options = ["idmap"] }), ["mounts[7].options[0]: \"idmap\" applies to bind mounts only"]),
        ["idmap no mappings"] = (s => s.Mounts!.Add(new Mount { Destination = "/x", Type = "bind", Source = "/y", Options = ["ridmap"] }), ["mounts[7].options[0]: \"ridmap\" needs uidMappings and gidMappings on the mount, or a new user namespace whose mappings it takes"]),
        ["mount mappings not bind"] = (s => s.Mounts!.Add(new Mount { Destination = "/x", Type = "tmpfs", UidMappings = [new IdMapping { Size = 1 }], GidMappings = [new IdMapping { Size = 1 }] }), ["mounts[7].uidMappings: idmapped mounts are bind mounts here (the type is not \"bind\" and no option is bind or rbind)"]),
        ["mount mapping pair"] = (s => s.Mounts!.Add(new Mount { Destination = "/x", Type = "bind", Source = "/y", UidMappings = [new IdMapping { Size = 1 }] }), ["mounts[7]: an idmapped mount needs both uidMappings and gidMappings"]),
        // namespaces
        ["namespace type"] = (s => s.Linux!.Namespaces![2].Type = "pidd", [$"linux.namespaces[2].type: \"pidd\" is not a namespace type (expected one of: {NsList})"]),
        ["namespace duplicate"] = (s => Ns(s, "pid"), ["linux.namespaces[6].type: \"pid\" is listed more than once"]),
        ["namespace path"] = (s => s.Linux!.Namespaces![0].Path = "proc/1/ns/pid", ["linux.namespaces[0].path: \"proc/1/ns/pid\" is not an absolute path"]),
        ["user ns needs mappings"] = (s => Ns(s, "user"), ["linux.uidMappings: is required with a new user namespace", "linux.gidMappings: is required with a new user namespace"]),
        ["mappings need user ns"] = (s => s.Linux!.UidMappings = [new IdMapping { Size = 1 }], ["linux.uidMappings: needs a user namespace (linux.namespaces has no \"user\")"]),
        ["mapping size"] = (s => { Ns(s, "user"); s.Linux!.UidMappings = [new IdMapping { Size = 0 }]; s.Linux.GidMappings = [new IdMapping { Size = 1 }]; }, ["linux.uidMappings[0].size: 0 is not a mapping size (must be > 0)"]),
        ["mapping overflow"] = (s => { Ns(s, "user"); s.Linux!.UidMappings = [new IdMapping { HostId = uint.MaxValue, Size = 2 }]; s.Linux.GidMappings = [new IdMapping { Size = 1 }]; }, ["linux.uidMappings[0].size: 2 makes the range run past 4294967295"]),
        ["timeOffsets need time ns"] = (s => s.Linux!.TimeOffsets = new() { ["monotonic"] = new TimeOffset { Secs = 1 } }, ["linux.timeOffsets: needs a time namespace (linux.namespaces has no \"time\")"]),
        ["timeOffsets joined ns"] = (s => { s.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "time", Path = "/proc/1/ns/time" }); s.Linux.TimeOffsets = new() { ["boottime"] = new TimeOffset { Secs = 1 } }; }, ["linux.timeOffsets: cannot be set when joining an existing time namespace (linux.namespaces gives a path)"]),
        ["timeOffsets clock"] = (s => { Ns(s, "time"); s.Linux!.TimeOffsets = new() { ["realtime"] = new TimeOffset { Nanosecs = 1_000_000_000 } }; }, ["linux.timeOffsets[\"realtime\"]: \"realtime\" is not a clock (expected one of: monotonic, boottime)", "linux.timeOffsets[\"realtime\"].nanosecs: 1000000000 is out of range (0..999999999)"]),
        // sysctl
        ["sysctl net needs netns"] = (s => { NoNs(s, "network"); s.Linux!.Sysctl = new() { ["net.ipv4.ip_forward"] = "1" }; }, ["linux.sysctl[\"net.ipv4.ip_forward\"]: \"net.ipv4.ip_forward\" needs a network namespace (linux.namespaces has no \"network\")"]),
        ["sysctl ipc needs ipcns"] = (s => { NoNs(s, "ipc"); s.Linux!.Sysctl = new() { ["fs.mqueue.msg_max"] = "10" }; }, ["linux.sysctl[\"fs.mqueue.msg_max\"]: \"fs.mqueue.msg_max\" needs an ipc namespace (linux.namespaces has no \"ipc\")"]),
        ["sysctl hostname needs uts"] = (s => { s.Hostname = null; NoNs(s, "uts"); s.Linux!.Sysctl = new() { ["kernel.hostname"] = "h" }; }, ["linux.sysctl[\"kernel.hostname\"]: \"kernel.hostname\" needs a uts namespace (linux.namespaces has no \"uts\")"]),
        ["sysctl hostname conflict"] = (s => s.Linux!.Sysctl = new() { ["kernel.hostname"] = "h" }, ["linux.sysctl[\"kernel.hostname\"]: \"kernel.hostname\" conflicts with hostname (set one of them)"]),
        ["sysctl not namespaced"] = (s => s.Linux!.Sysctl = new() { ["vm.swappiness"] = "10" }, ["linux.sysctl[\"vm.swappiness\"]: \"vm.swappiness\" is not namespaced and cannot be set in a container"]),
        ["sysctl name"] = (s => s.Linux!.Sysctl = new() { ["net..x"] = "1" }, ["linux.sysctl[\"net..x\"]: \"net..x\" is not a sysctl name"]),
        // devices
        ["device type"] = (s => s.Linux!.Devices = [new LinuxDevice { Type = "x", Path = "/dev/x" }], ["linux.devices[0].type: \"x\" is not a device type (expected one of: c, b, u, p)"]),
        ["device numbers"] = (s => s.Linux!.Devices = [new LinuxDevice { Type = "c", Path = "/dev/x" }], ["linux.devices[0].major: is required for a \"c\" device", "linux.devices[0].minor: is required for a \"c\" device"]),
        ["device negative"] = (s => s.Linux!.Devices = [new LinuxDevice { Type = "b", Path = "/dev/x", Major = -1, Minor = 0 }], ["linux.devices[0].major: -1 is not a device number (must be >= 0)"]),
        ["device path"] = (s => s.Linux!.Devices = [new LinuxDevice { Type = "p", Path = "/tmp/fifo" }], ["linux.devices[0].path: \"/tmp/fifo\" is not an absolute path under /dev"]),
        ["device path dotdot"] = (s => s.Linux!.Devices = [new LinuxDevice { Type = "p", Path = "/dev/../etc/x" }], ["linux.devices[0].path: \"/dev/../etc/x\" is not an absolute path under /dev"]),
        ["device duplicate"] = (s => s.Linux!.Devices = [new LinuxDevice { Type = "p", Path = "/dev/f" }, new LinuxDevice { Type = "p", Path = "/dev/f" }], ["linux.devices[1].path: \"/dev/f\" is listed more than once"]),
        ["device mode"] = (s => s.Linux!.Devices = [new LinuxDevice { Type = "p", Path = "/dev/f", FileMode = 4096 }], ["linux.devices[0].fileMode: 4096 is not a permission mode (0..4095, i.e. 07777)"]),
        // linux misc
        ["rootfsPropagation"] = (s => s.Linux!.RootfsPropagation = "bogus", ["linux.rootfsPropagation: \"bogus\" is not a mount propagation (expected one of: private, rprivate, shared, rshared, slave, rslave, unbindable, runbindable)"]),
        ["maskedPaths"] = (s => s.Linux!.MaskedPaths!.Add("proc/x"), ["linux.maskedPaths[10]: \"proc/x\" is not an absolute path"]),
        ["readonlyPaths"] = (s => s.Linux!.ReadonlyPaths!.Add("sys"), ["linux.readonlyPaths[5]: \"sys\" is not an absolute path"]),
        ["personality"] = (s => s.Linux!.Personality = new LinuxPersonality { Domain = "LINUX64" }, ["linux.personality.domain: \"LINUX64\" is not a personality domain (expected one of: LINUX, LINUX32)"]),
        ["cgroupsPath systemd parts"] = (s => s.Linux!.CgroupsPath = "a:b", ["linux.cgroupsPath: \"a:b\" is not a systemd cgroup path (expected \"slice:prefix:name\")"]),
        ["cgroupsPath systemd slice"] = (s => s.Linux!.CgroupsPath = "user:nsinit:c1", ["linux.cgroupsPath: \"user\" is not a systemd slice (expected a name ending in \".slice\")"]),
        ["cgroupsPath dotdot"] = (s => s.Linux!.CgroupsPath = "/a/../b", ["linux.cgroupsPath: \"/a/../b\" must not contain \"..\" components"]),
        ["netDevices"] = (s => s.Linux!.NetDevices = new() { ["a/b"] = new LinuxNetDevice { Name = "waytoolonginterfacename" } }, ["linux.netDevices[\"a/b\"]: \"a/b\" is not an interface name", "linux.netDevices[\"a/b\"].name: \"waytoolonginterfacename\" is not an interface name"]),
        ["memoryPolicy"] = (s => s.Linux!.MemoryPolicy = new MemoryPolicy { Mode = "MPOL_X", Nodes = "0-", Flags = ["MPOL_F_X"] }, ["linux.memoryPolicy.mode: \"MPOL_X\" is not a memory policy mode (expected one of: MPOL_DEFAULT, MPOL_BIND, MPOL_INTERLEAVE, MPOL_WEIGHTED_INTERLEAVE, MPOL_PREFERRED, MPOL_PREFERRED_MANY, MPOL_LOCAL)", "linux.memoryPolicy.nodes: \"0-\" is not a node list (expected e.g. \"0-3,5\")", "linux.memoryPolicy.flags[0]: \"MPOL_F_X\" is not a memory policy flag (expected one of: MPOL_F_NUMA_BALANCING, MPOL_F_RELATIVE_NODES, MPOL_F_STATIC_NODES)"]),
        ["intelRdt"] = (s => s.Linux!.IntelRdt = new IntelRdt { ClosId = "a/b" }, ["linux.intelRdt.closID: \"a/b\" is not a resctrl group name"]),
        // resources
        ["memory limit"] = (s => Res(s).Memory = new LinuxMemory { Limit = -2 }, ["linux.resources.memory.limit: -2 is not a memory limit (must be -1 for unlimited or >= 0)"]),
        ["memory swap < limit"] = (s => Res(s).Memory = new LinuxMemory { Limit = 2000, Swap = 1000 }, ["linux.resources.memory.swap: 1000 is less than memory.limit 2000 (swap is memory plus swap)"]),
        ["memory swappiness"] = (s => Res(s).Memory = new LinuxMemory { Swappiness = 101 }, ["linux.resources.memory.swappiness: 101 is out of range (0..100)"]),
        ["cpu shares"] = (s => Res(s).Cpu = new LinuxCpu { Shares = 1 }, ["linux.resources.cpu.shares: 1 is out of range (2..262144)"]),
        ["cpu quota"] = (s => Res(s).Cpu = new LinuxCpu { Quota = 500 }, ["linux.resources.cpu.quota: 500 is not a CPU quota (must be -1 for unlimited or >= 1000 microseconds)"]),
        ["cpu period"] = (s => Res(s).Cpu = new LinuxCpu { Period = 500 }, ["linux.resources.cpu.period: 500 is out of range (1000..1000000 microseconds)"]),
        ["cpu cpus"] = (s => Res(s).Cpu = new LinuxCpu { Cpus = "3-1" }, ["linux.resources.cpu.cpus: \"3-1\" is not a CPU list (expected e.g. \"0-3,5\")"]),
        ["cpu mems"] = (s => Res(s).Cpu = new LinuxCpu { Mems = "0,,1" }, ["linux.resources.cpu.mems: \"0,,1\" is not a memory node list (expected e.g. \"0-1,3\")"]),
        ["cpu idle"] = (s => Res(s).Cpu = new LinuxCpu { Idle = 2 }, ["linux.resources.cpu.idle: 2 is out of range (0..1)"]),
        ["pids"] = (s => Res(s).Pids = new LinuxPids { Limit = -2 }, ["linux.resources.pids.limit: -2 is not a pids limit (must be -1 for unlimited or >= 0)"]),
        ["blkio weight"] = (s => Res(s).BlockIO = new LinuxBlockIo { Weight = 5 }, ["linux.resources.blockIO.weight: 5 is out of range (10..1000)"]),
        ["blkio device"] = (s => Res(s).BlockIO = new LinuxBlockIo { ThrottleReadBpsDevice = [new LinuxThrottleDevice { Major = -1 }] }, ["linux.resources.blockIO.throttleReadBpsDevice[0].major: -1 is not a device number (must be >= 0)"]),
        ["blkio weightDevice"] = (s => Res(s).BlockIO = new LinuxBlockIo { WeightDevice = [new LinuxWeightDevice { Major = 8, Weight = 2000 }] }, ["linux.resources.blockIO.weightDevice[0].weight: 2000 is out of range (10..1000)"]),
        ["hugepage size"] = (s => Res(s).HugepageLimits = [new LinuxHugepageLimit { PageSize = "2M" }], ["linux.resources.hugepageLimits[0].pageSize: \"2M\" is not a page size (expected e.g. \"2MB\" or \"1GB\")"]),
        ["device cgroup type"] = (s => Res(s).Devices!.Add(new LinuxDeviceCgroup { Allow = true, Type = "x", Access = "r" }), ["linux.resources.devices[1].type: \"x\" is not a device cgroup type (expected one of: a, c, b)"]),
        ["device cgroup access"] = (s => Res(s).Devices!.Add(new LinuxDeviceCgroup { Allow = true, Type = "c", Access = "rwx" }), ["linux.resources.devices[1].access: \"rwx\" is not an access mode (expected a combination of r, w, m)"]),
        ["device cgroup major"] = (s => Res(s).Devices!.Add(new LinuxDeviceCgroup { Allow = true, Type = "c", Major = -2, Access = "r" }), ["linux.resources.devices[1].major: -2 is not a device number (-1 or null for any)"]),
        ["unified key"] = (s => Res(s).Unified = new() { ["../memory.max"] = "1" }, ["linux.resources.unified[\"../memory.max\"]: \"../memory.max\" is not a cgroup v2 file name (expected \"controller.file\")"]),
        ["network priority"] = (s => Res(s).Network = new LinuxNetwork { Priorities = [new LinuxInterfacePriority { Name = "" }] }, ["linux.resources.network.priorities[0].name: \"\" is not an interface name"]),
        // seccomp
        ["seccomp defaultAction"] = (s => Seccomp(s).DefaultAction = "SCMP_ACT_NOPE", ["linux.seccomp.defaultAction: \"SCMP_ACT_NOPE\" is not a seccomp action (expected one of: SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, SCMP_ACT_ERRNO, SCMP_ACT_TRACE, SCMP_ACT_ALLOW, SCMP_ACT_LOG, SCMP_ACT_NOTIFY)"]),
        ["seccomp arch"] = (s => Seccomp(s).Architectures = ["SCMP_ARCH_PDP11"], ["linux.seccomp.architectures[0]: \"SCMP_ARCH_PDP11\" is not a seccomp architecture (expected one of: SCMP_ARCH_X86, SCMP_ARCH_X86_64, SCMP_ARCH_X32, SCMP_ARCH_ARM, SCMP_ARCH_AARCH64, SCMP_ARCH_MIPS, SCMP_ARCH_MIPS64, SCMP_ARCH_MIPS64N32, SCMP_ARCH_MIPSEL, SCMP_ARCH_MIPSEL64, SCMP_ARCH_MIPSEL64N32, SCMP_ARCH_PPC, SCMP_ARCH_PPC64, SCMP_ARCH_PPC64LE, SCMP_ARCH_S390, SCMP_ARCH_S390X, SCMP_ARCH_PARISC, SCMP_ARCH_PARISC64, SCMP_ARCH_RISCV64, SCMP_ARCH_LOONGARCH64, SCMP_ARCH_M68K, SCMP_ARCH_SH, SCMP_ARCH_SHEB)"]),
        ["seccomp flag"] = (s => Seccomp(s).Flags = ["SECCOMP_FILTER_FLAG_X"], ["linux.seccomp.flags[0]: \"SECCOMP_FILTER_FLAG_X\" is not a seccomp filter flag (expected one of: SECCOMP_FILTER_FLAG_TSYNC, SECCOMP_FILTER_FLAG_LOG, SECCOMP_FILTER_FLAG_SPEC_ALLOW, SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV)"]),
        ["seccomp syscall"] = (s => Seccomp(s).Syscalls = [new LinuxSyscall { Names = ["Open("], Action = "SCMP_ACT_ERRNO", Args = [new LinuxSeccompArg { Index = 6, Op = "SCMP_CMP_EQ" }] }], ["linux.seccomp.syscalls[0].names[0]: \"Open(\" is not a syscall name", "linux.seccomp.syscalls[0].args[0].index: 6 is out of range (0..5)"]),
        ["seccomp op"] = (s => Seccomp(s).Syscalls = [new LinuxSyscall { Names = ["kill"], Action = "SCMP_ACT_ERRNO", Args = [new LinuxSeccompArg { Op = "SCMP_CMP_XOR" }] }], ["linux.seccomp.syscalls[0].args[0].op: \"SCMP_CMP_XOR\" is not a seccomp operator (expected one of: SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_EQ, SCMP_CMP_GE, SCMP_CMP_GT, SCMP_CMP_MASKED_EQ)"]),
        ["seccomp names empty"] = (s => Seccomp(s).Syscalls = [new LinuxSyscall { Names = [], Action = "SCMP_ACT_LOG" }], ["linux.seccomp.syscalls[0].names: must list at least one syscall"]),
        ["seccomp notify"] = (s => Seccomp(s).Syscalls = [new LinuxSyscall { Names = ["mount"], Action = "SCMP_ACT_NOTIFY" }], ["linux.seccomp.listenerPath: is required when an action is SCMP_ACT_NOTIFY"]),
        // network annotations
        ["network json"] = (s => Net(s, "{\"type\":\"veth\"}"), [$"{Nets}: is not a JSON array of NetworkConfig objects"]),
        ["network json syntax"] = (s => Net(s, "[{\"type\": x}]"), [$"{Nets}: is not valid JSON (at [0].type): 'x' is an invalid start of a value"]),
        ["network json field type"] = (s => Net(s, "[{\"type\":\"veth\",\"mtu\":\"big\"}]"), [$"{Nets}: is not a JSON array of NetworkConfig objects (at [0].mtu)"]),
        ["network type"] = (s => Net(s, """[{"type":"bridge"}]"""), [$"{Nets}[0].type: unknown network type 'bridge' (expected 'loopback' or 'veth')"]),
        ["veth needs netns"] = (s => { NoNs(s, "network"); Veth(s, "\"address\":\"10.0.0.2/24\""); }, [$"{Nets}[0].type: a veth network needs a network namespace (linux.namespaces has no \"network\")"]),
        ["veth needs bridge"] = (s => Net(s, """[{"type":"veth"}]"""), [$"{Nets}[0].bridge: a veth network needs a bridge"]),
        ["veth name"] = (s => Veth(s, "\"name\":\"eth0123456789abc\""), [$"{Nets}[0].name: interface name 'eth0123456789abc' is longer than 15 bytes"]),
        ["veth prefix"] = (s => Veth(s, "\"vethPrefix\":\"verylongprefix\""), [$"{Nets}[0].vethPrefix: veth prefix 'verylongprefix' is longer than {NetworkValidation.MaxVethPrefixBytes} bytes (the runtime appends a {NetworkValidation.VethSuffixLength}-character suffix)"]),
        ["veth address"] = (s => Veth(s, "\"address\":\"172.17.0.300/16\",\"bridgeAddress\":\"10.0.0.1\""), [$"{Nets}[0].bridgeAddress: '10.0.0.1' is not a valid CIDR address (expected e.g. 172.17.0.2/16 or fd00::2/64)", $"{Nets}[0].address: '172.17.0.300/16' is not a valid CIDR address (expected e.g. 172.17.0.2/16 or fd00::2/64)"]),
        ["veth ipv6"] = (s => Veth(s, "\"ipv6Address\":\"10.0.0.2/24\""), [$"{Nets}[0].ipv6Address: '10.0.0.2/24' is an IPv4 address; this field takes IPv6"]),
        ["veth gateway"] = (s => Veth(s, "\"gateway\":\"localhost\""), [$"{Nets}[0].gateway: 'localhost' is not a valid IP address (expected e.g. 172.17.0.1 or fd00::1)"]),
        ["veth mtu"] = (s => Veth(s, "\"mtu\":67"), [$"{Nets}[0].mtu: MTU 67 is out of range (68..65535)"]),
        ["veth mac"] = (s => Veth(s, "\"macAddress\":\"02:42:ac:11:00\""), [$"{Nets}[0].macAddress: '02:42:ac:11:00' is not a valid MAC address (expected six hex pairs, e.g. 02:42:ac:11:00:02)"]),
        ["veth multicast mac"] = (s => Veth(s, "\"macAddress\":\"01:00:5e:00:00:01\""), [$"{Nets}[0].macAddress: '01:00:5e:00:00:01' is a multicast MAC address; an interface needs a unicast one"]),
        ["routes"] = (s => s.Annotations = new() { [NetworkAnnotations.Routes] = """[{"destination":"default","source":"x","interfaceName":"eth/0"}]""" }, [$"{Routes}[0].destination: 'default' is not a valid CIDR address (expected e.g. 172.17.0.2/16 or fd00::2/64)", $"{Routes}[0].source: 'x' is not a valid IP address (expected e.g. 172.17.0.1 or fd00::1)", $"{Routes}[0].interfaceName: interface name 'eth/0' contains '/', ':', whitespace or a control character"]),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Rule_reports_its_exact_message(string name)
    {
        Spec spec = SpecDefaults.Create();
        Assert.Empty(ConfigValidator.Validate(spec));
        (Action<Spec> breakIt, string[] expected) = Cases[name];
        breakIt(spec);
        Assert.Equal(string.Join("\n", expected), string.Join("\n", ConfigValidator.Validate(spec)));
    }

    [Fact]
    public void All_errors_are_collected_not_just_the_first()
    {
        Spec spec = SpecDefaults.Create();
        spec.OciVersion = "0.9";
        spec.Process!.Cwd = "rel";
        spec.Mounts![0].Destination = "proc";
        spec.Linux!.Namespaces![2].Type = "pidd";
        spec.Linux.Resources!.Devices![0].Access = "x";
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(ConfigLoader.ToJson(spec), "bundle/config.json"));
        Assert.Equal(
        [
            "ociVersion: \"0.9\" is not a supported version (expected 1.x.y)",
            "process.cwd: \"rel\" is not an absolute path",
            "mounts[0].destination: \"proc\" is not an absolute path",
            $"linux.namespaces[2].type: \"pidd\" is not a namespace type (expected one of: {NsList})",
            "linux.resources.devices[0].access: \"x\" is not an access mode (expected a combination of r, w, m)",
        ], e.Errors.Select(x => x.ToString()));
        Assert.StartsWith("invalid config bundle/config.json: ociVersion:", e.Message);
    }

    [Fact]
    public void Accepted_values_pass()
    {
        Spec spec = SpecDefaults.Create();
        spec.Mounts!.Add(new Mount
        {
            Destination = "/data", Type = "bind", Source = "/srv",
            Options = ["rbind", "rro", "rrw", "rnosuid", "rnodev", "rnoexec", "rnoatime", "rrelatime", "rstrictatime", "rnosymfollow",
                "ridmap", "idmap", "relatime", "norelatime", "strictatime", "nostrictatime", "nosymfollow", "src-nofollow",
                "dest-nofollow", "private", "rshared", "slave", "runbindable", "remount", "async", "defaults"],
            UidMappings = [new IdMapping { Size = 1 }], GidMappings = [new IdMapping { Size = 1 }],
        });
        spec.Mounts.Add(new Mount
        {
            Destination = "/tmp", Type = "tmpfs", Source = "tmpfs",
            Options = ["tmpcopyup", "notmpcopyup", "mode=1777", "uid=0", "sync", "dirsync", "lazytime", "iversion", "inode64", "rro"],
        });
        spec.Linux!.CgroupsPath = "system.slice:nsinit:abc";
        spec.Linux.Sysctl = new() { ["net.ipv4.ip_forward"] = "1", ["kernel.msgmax"] = "8192", ["net/core/somaxconn"] = "1024" };
        spec.Linux.Resources!.Memory = new LinuxMemory { Limit = -1, Swap = -1, Swappiness = 0 };
        spec.Linux.Resources.Cpu = new LinuxCpu { Shares = 2, Quota = -1, Period = 100000, Cpus = "0-3,5,7-8", Mems = "0" };
        spec.Linux.Resources.Pids = new LinuxPids { Limit = -1 };
        spec.Linux.Resources.HugepageLimits = [new LinuxHugepageLimit { PageSize = "1GB" }, new LinuxHugepageLimit { PageSize = "64KB" }];
        spec.Linux.Resources.Devices!.Add(new LinuxDeviceCgroup { Allow = true, Type = "a", Major = -1, Minor = -1, Access = "mrw" });
        spec.Linux.Personality = new LinuxPersonality { Domain = "LINUX32" };
        spec.Linux.RootfsPropagation = "rslave";
        spec.Process!.Capabilities!.Bounding!.Add("CAP_CHECKPOINT_RESTORE");
        spec.Annotations = new()
        {
            [NetworkAnnotations.Networks] = """[{"type":"loopback","address":"127.0.0.1/0","gateway":"localhost"},{"type":"veth","bridge":"br0","address":"10.0.0.5/24","gateway":"10.0.0.1","ipv6Address":"fd00::5/64","ipv6Gateway":"fd00::1","macAddress":"02:AB:cd:00:00:01","mtu":9000,"vethPrefix":"veth"}]""",
        };
        Assert.Empty(ConfigValidator.Validate(spec));
        Assert.Equal(41, OciNames.Capabilities.Count);
    }
}
