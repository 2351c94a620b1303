using LibContainer.Cgroups;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Cgroups;

/// <summary>The v1 driver on a temp tree shaped like a v1 host (files as the kernel shows them).</summary>
public class V1DriverTests
{
    private const string Cg = "/nsinit/c1";

    private static (FakeCgroupTree Tree, ICgroupManager M) Setup()
    {
        var tree = FakeCgroupTree.V1();
        tree.MakeCgroup("/sys/fs/cgroup/memory" + Cg,
            ("memory.limit_in_bytes", "9223372036854771712\n"), ("memory.memsw.limit_in_bytes", "9223372036854771712\n"),
            ("memory.soft_limit_in_bytes", "9223372036854771712\n"), ("memory.swappiness", "60\n"),
            ("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n"), ("memory.usage_in_bytes", "10485760\n"),
            ("memory.kmem.tcp.limit_in_bytes", "9223372036854771712\n"));
        tree.MakeCgroup("/sys/fs/cgroup/cpu,cpuacct" + Cg,
            ("cpu.shares", "1024\n"), ("cpu.cfs_quota_us", "-1\n"), ("cpu.cfs_period_us", "100000\n"), ("cpu.cfs_burst_us", "0\n"),
            ("cpu.rt_runtime_us", "0\n"), ("cpu.rt_period_us", "1000000\n"), ("cpu.idle", "0\n"));
        tree.MakeCgroup("/sys/fs/cgroup/cpuset" + Cg, ("cpuset.cpus", "0-3\n"), ("cpuset.mems", "0\n"));
        tree.MakeCgroup("/sys/fs/cgroup/pids" + Cg, ("pids.max", "max\n"));
        tree.MakeCgroup("/sys/fs/cgroup/blkio" + Cg, ("blkio.weight", "500\n"), ("blkio.leaf_weight", "500\n"),
            ("blkio.weight_device", ""), ("blkio.throttle.read_bps_device", ""), ("blkio.throttle.write_bps_device", ""),
            ("blkio.throttle.read_iops_device", ""), ("blkio.throttle.write_iops_device", ""));
        tree.MakeCgroup("/sys/fs/cgroup/hugetlb" + Cg, ("hugetlb.2MB.limit_in_bytes", "9223372036854771712\n"));
        tree.MakeCgroup("/sys/fs/cgroup/devices" + Cg, ("devices.allow", ""), ("devices.deny", ""));
        tree.MakeCgroup("/sys/fs/cgroup/net_cls,net_prio" + Cg, ("net_cls.classid", "0\n"), ("net_prio.ifpriomap", "lo 0\n"));
        tree.MakeCgroup("/sys/fs/cgroup/freezer" + Cg, ("freezer.state", "THAWED\n"));
        tree.MakeCgroup("/sys/fs/cgroup/systemd" + Cg);
        return (tree, CgroupManagerFactory.Open(Cg, "c1", false, tree.Detect()));
    }

    [Fact]
    public void Set_WritesEveryV1File()
    {
        var (tree, m) = Setup();
        using var _ = tree;
        m.Set(new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 1 << 30, Swap = 2L << 30, Reservation = 1 << 29, Swappiness = 0, DisableOomKiller = true, KernelTcp = 1 << 20 },
            Cpu = new LinuxCpu { Shares = 256, Quota = 20000, Period = 50000, Burst = 1000, RealtimeRuntime = 950000, RealtimePeriod = 1000000, Cpus = "1-2", Mems = "0", Idle = 1 },
            Pids = new LinuxPids { Limit = -1 },
            BlockIO = new LinuxBlockIo
            {
                Weight = 300, LeafWeight = 200,
                WeightDevice = new() { new LinuxWeightDevice { Major = 8, Minor = 0, Weight = 400 } },
                ThrottleReadBpsDevice = new() { new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 1048576 } },
                ThrottleWriteIopsDevice = new() { new LinuxThrottleDevice { Major = 8, Minor = 16, Rate = 100 } },
            },
            HugepageLimits = new() { new LinuxHugepageLimit { PageSize = "2MB", Limit = 4194304 } },
            Network = new LinuxNetwork { ClassId = 0x100001, Priorities = new() { new LinuxInterfacePriority { Name = "eth0", Priority = 5 } } },
        });
        string R(string ctl, string file) => tree.Read($"/sys/fs/cgroup/{ctl}{Cg}/{file}");
        Assert.Equal("1073741824", R("memory", "memory.limit_in_bytes"));
        Assert.Equal("2147483648", R("memory", "memory.memsw.limit_in_bytes"));
        Assert.Equal("536870912", R("memory", "memory.soft_limit_in_bytes"));
        Assert.Equal("0", R("memory", "memory.swappiness"));
        Assert.Equal("1", R("memory", "memory.oom_control"));
        Assert.Equal("1048576", R("memory", "memory.kmem.tcp.limit_in_bytes"));
        Assert.Equal("256", R("cpu,cpuacct", "cpu.shares"));
        Assert.Equal("20000", R("cpu,cpuacct", "cpu.cfs_quota_us"));
        Assert.Equal("50000", R("cpu,cpuacct", "cpu.cfs_period_us"));
        Assert.Equal("1000", R("cpu,cpuacct", "cpu.cfs_burst_us"));
        Assert.Equal("950000", R("cpu,cpuacct", "cpu.rt_runtime_us"));
        Assert.Equal("1", R("cpu,cpuacct", "cpu.idle"));
        Assert.Equal("1-2", R("cpuset", "cpuset.cpus"));
        Assert.Equal("max", R("pids", "pids.max"));
        Assert.Equal("300", R("blkio", "blkio.weight"));
        Assert.Equal("200", R("blkio", "blkio.leaf_weight"));
        Assert.Equal("8:0 400", R("blkio", "blkio.weight_device"));
        Assert.Equal("8:0 1048576", R("blkio", "blkio.throttle.read_bps_device"));
        Assert.Equal("8:16 100", R("blkio", "blkio.throttle.write_iops_device"));
        Assert.Equal("4194304", R("hugetlb", "hugetlb.2MB.limit_in_bytes"));
        Assert.Equal("1048577", R("net_cls,net_prio", "net_cls.classid"));
        Assert.Equal("eth0 5", R("net_cls,net_prio", "net_prio.ifpriomap"));
    }

    [Fact]
    public void Devices_DenyAllIsWrittenAsA()
    {
        var (tree, m) = Setup();
        using var _ = tree;
        m.Set(new LinuxResources { Devices = new() { new LinuxDeviceCgroup { Allow = false, Access = "rwm" } } });
        Assert.Equal("a", tree.Read($"/sys/fs/cgroup/devices{Cg}/devices.deny"));
        m.Set(new LinuxResources { Devices = new() { new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 136, Access = "rwm" } } });
        Assert.Equal("c 136:* rwm", tree.Read($"/sys/fs/cgroup/devices{Cg}/devices.allow"));
    }

    [Fact]
    public void MissingFile_NamesControllerAndFile()
    {
        var (tree, m) = Setup();
        using var _ = tree;
        File.Delete(tree.Sys($"/sys/fs/cgroup/memory{Cg}/memory.memsw.limit_in_bytes"));
        var ex = Assert.Throws<ContainerException>(() => m.Set(new LinuxResources { Memory = new LinuxMemory { Limit = 100, Swap = 200 } }));
        Assert.Contains("memory.memsw.limit_in_bytes", ex.Message);
        Assert.Contains("\"memory\"", ex.Message);
        ex = Assert.Throws<ContainerException>(() => m.Set(new LinuxResources { HugepageLimits = new() { new LinuxHugepageLimit { PageSize = "1GB", Limit = 1 } } }));
        Assert.Contains("hugetlb.1GB.limit_in_bytes", ex.Message);
        ex = Assert.Throws<ContainerException>(() => m.Set(new LinuxResources { Unified = new() { ["memory.max"] = "1" } }));
        Assert.Contains("cgroup2", ex.Message);
    }

    [Fact]
    public void CheckBeforeUpdate_RefusesALimitBelowUsage()
    {
        var (tree, m) = Setup();
        using var _ = tree;
        var ex = Assert.Throws<ContainerException>(() => m.Set(new LinuxResources { Memory = new LinuxMemory { Limit = 1048576, CheckBeforeUpdate = true } }));
        Assert.Contains("below the current usage 10485760", ex.Message);
    }

    [Fact]
    public void Freezer_WritesAndWaitsForTheState()
    {
        var (tree, m) = Setup();
        using var _ = tree;
        m.Freeze();
        Assert.True(m.IsFrozen);
        Assert.Equal("FROZEN", tree.Read($"/sys/fs/cgroup/freezer{Cg}/freezer.state"));
        m.Thaw();
        Assert.False(m.IsFrozen);
    }

    [Fact]
    public void Cpuset_EmptyCpusAndMems_AreCopiedFromTheParent()
    {
        using var tree = FakeCgroupTree.V1();
        var parent = tree.Sys("/sys/fs/cgroup/cpuset");
        File.WriteAllText(Path.Combine(parent, "cpuset.cpus"), "0-7\n");
        File.WriteAllText(Path.Combine(parent, "cpuset.mems"), "0\n");
        var child = tree.MakeCgroup("/sys/fs/cgroup/cpuset/nsinit", ("cpuset.cpus", "\n"), ("cpuset.mems", "\n"));
        CgroupManager.CopyCpusetFromParent(parent, child);
        Assert.Equal("0-7", tree.Read("/sys/fs/cgroup/cpuset/nsinit/cpuset.cpus"));
        Assert.Equal("0", tree.Read("/sys/fs/cgroup/cpuset/nsinit/cpuset.mems"));
    }

    [Fact]
    public void Destroy_RemovesWhatCreateMade_NotWhatExisted()
    {
        using var tree = FakeCgroupTree.V1();
        Directory.CreateDirectory(tree.Sys("/sys/fs/cgroup/memory/existing"));
        var m = CgroupManagerFactory.Open("/existing/c2", "c2", false, tree.Detect());
        m.Create();
        Assert.True(Directory.Exists(tree.Sys("/sys/fs/cgroup/pids/existing/c2")));
        m.Destroy();
        Assert.False(Directory.Exists(tree.Sys("/sys/fs/cgroup/memory/existing/c2")));
        Assert.True(Directory.Exists(tree.Sys("/sys/fs/cgroup/memory/existing")), "pre-existing parent must stay");
        Assert.False(Directory.Exists(tree.Sys("/sys/fs/cgroup/pids/existing")), "a parent made by Create goes too");
        Assert.False(m.Exists);
    }

    [Fact]
    public void Create_RefusesACgroupWithProcesses()
    {
        var (tree, m) = Setup();
        using var _ = tree;
        File.WriteAllText(tree.Sys($"/sys/fs/cgroup/pids{Cg}/cgroup.procs"), "4242\n4243\n");
        var ex = Assert.Throws<ContainerException>(m.Create);
        Assert.Contains($"cgroup {Cg} already has processes: pid 4242, 4243", ex.Message);
    }
}
