using LibContainer.Cgroups;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Cgroups;

/// <summary>The v2 driver on a temp tree shaped like a pure cgroup2 host.</summary>
public class V2DriverTests
{
    private const string Cg = "/nsinit/c1";
    private const string Dir = "/sys/fs/cgroup" + Cg;

    private static (FakeCgroupTree Tree, ICgroupManager M) Setup()
    {
        var tree = FakeCgroupTree.V2();
        tree.MakeCgroup("/sys/fs/cgroup/nsinit", ("cgroup.subtree_control", "\n"), ("cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma\n"));
        tree.MakeCgroup(Dir,
            ("memory.max", "max\n"), ("memory.swap.max", "max\n"), ("memory.low", "0\n"), ("memory.current", "10485760\n"),
            ("cpu.weight", "100\n"), ("cpu.max", "max 100000\n"), ("cpu.max.burst", "0\n"), ("cpu.idle", "0\n"),
            ("cpuset.cpus", "\n"), ("cpuset.mems", "\n"), ("pids.max", "max\n"), ("io.weight", "default 100\n"), ("io.max", ""),
            ("hugetlb.2MB.max", "max\n"), ("rdma.max", ""), ("memory.high", "max\n"), ("cgroup.freeze", "0\n"));
        return (tree, CgroupManagerFactory.Open(Cg, "c1", false, tree.Detect()));
    }

    [Fact]
    public void Set_ConvertsAndWritesV2Files()
    {
        var (tree, m) = Setup();
        using var _ = tree;
        m.Set(new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 1 << 30, Swap = 3L << 29, Reservation = 1 << 28 },
            Cpu = new LinuxCpu { Shares = 1024, Quota = 20000, Burst = 500, Cpus = "0-1", Mems = "0", Idle = 0 },
            Pids = new LinuxPids { Limit = 64 },
            BlockIO = new LinuxBlockIo { Weight = 1000, ThrottleReadBpsDevice = new() { new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 1048576 } } },
            HugepageLimits = new() { new LinuxHugepageLimit { PageSize = "2MB", Limit = 2097152 } },
            Rdma = new() { ["mlx5_0"] = new LinuxRdma { HcaHandles = 3, HcaObjects = 1000 } },
            Unified = new() { ["memory.high"] = "805306368" },
        });
        string R(string file) => tree.Read($"{Dir}/{file}");
        Assert.Equal("1073741824", R("memory.max"));
        Assert.Equal("536870912", R("memory.swap.max"));
        Assert.Equal("268435456", R("memory.low"));
        Assert.Equal("39", R("cpu.weight"));
        Assert.Equal("20000 100000", R("cpu.max"));
        Assert.Equal("500", R("cpu.max.burst"));
        Assert.Equal("0-1", R("cpuset.cpus"));
        Assert.Equal("64", R("pids.max"));
        Assert.Equal("8:0 rbps=1048576", R("io.max"));
        Assert.Equal("default 10000", R("io.weight"));
        Assert.Equal("2097152", R("hugetlb.2MB.max"));
        Assert.Equal("mlx5_0 hca_handle=3 hca_object=1000", R("rdma.max"));
        Assert.Equal("805306368", R("memory.high"));
        // Controllers are enabled on the way down (the parent's subtree_control got the last "+hugetlb" write here).
        Assert.StartsWith("+", tree.Read("/sys/fs/cgroup/nsinit/cgroup.subtree_control"));
    }

    [Fact]
    public void V1OnlySettings_AreClearErrors()
    {
        var (tree, m) = Setup();
        using var _ = tree;
        Assert.Contains("swappiness", Assert.Throws<ContainerException>(() => m.Set(new LinuxResources { Memory = new LinuxMemory { Swappiness = 10 } })).Message);
        Assert.Contains("OOM killer", Assert.Throws<ContainerException>(() => m.Set(new LinuxResources { Memory = new LinuxMemory { DisableOomKiller = true } })).Message);
        Assert.Contains("realtime", Assert.Throws<ContainerException>(() => m.Set(new LinuxResources { Cpu = new LinuxCpu { RealtimeRuntime = 1 } })).Message);
        Assert.Contains("leaf", Assert.Throws<ContainerException>(() => m.Set(new LinuxResources { BlockIO = new LinuxBlockIo { LeafWeight = 10 } })).Message);
        Assert.Contains("net_cls", Assert.Throws<ContainerException>(() => m.Set(new LinuxResources { Network = new LinuxNetwork { ClassId = 1 } })).Message);
        var ex = Assert.Throws<ContainerException>(() => m.Set(new LinuxResources { Unified = new() { ["memory.oom.group"] = "1" } }));
        Assert.Contains("memory.oom.group", ex.Message);
        Assert.Contains("controller \"memory\"", ex.Message);
        Assert.Throws<ContainerException>(() => m.Set(new LinuxResources { Unified = new() { ["../x"] = "1" } }));
    }

    [Fact]
    public void MissingV2Controller_IsNamed()
    {
        using var tree = FakeCgroupTree.V2("cpu memory pids");
        tree.MakeCgroup(Dir);
        var m = CgroupManagerFactory.Open(Cg, "c1", false, tree.Detect());
        var ex = Assert.Throws<ContainerException>(() => m.Set(new LinuxResources { BlockIO = new LinuxBlockIo { Weight = 100 } }));
        Assert.Contains("controller \"io\"", ex.Message);
        Assert.Contains("cgroup.controllers", ex.Message);
    }

    [Fact]
    public void Hybrid_SendsHugetlbToTheUnifiedSide()
    {
        using var tree = FakeCgroupTree.Hybrid();
        tree.MakeCgroup("/sys/fs/cgroup/unified/nsinit", ("cgroup.subtree_control", "\n"));
        tree.MakeCgroup("/sys/fs/cgroup/unified" + Cg, ("hugetlb.2MB.max", "max\n"));
        tree.MakeCgroup("/sys/fs/cgroup/pids" + Cg, ("pids.max", "max\n"));
        var m = CgroupManagerFactory.Open(Cg, "c1", false, tree.Detect());
        m.Set(new LinuxResources
        {
            HugepageLimits = new() { new LinuxHugepageLimit { PageSize = "2MB", Limit = 2097152 } },
            Pids = new LinuxPids { Limit = 5 },
        });
        Assert.Equal("2097152", tree.Read($"/sys/fs/cgroup/unified{Cg}/hugetlb.2MB.max"));
        Assert.Equal("+hugetlb", tree.Read("/sys/fs/cgroup/unified/cgroup.subtree_control"));
        Assert.Equal("5", tree.Read($"/sys/fs/cgroup/pids{Cg}/pids.max"));
    }

    [Fact]
    public void OomWatcher_OnMemoryEvents_CountsKills()
    {
        var (tree, _) = Setup();
        using var __ = tree;
        var dir = tree.Sys(Dir);
        var events = Path.Combine(dir, "memory.events");
        File.WriteAllText(events, "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n");
        using var w = CgroupManager.WatchOomV2(dir, "c1");
        Assert.Empty(w.WaitNext(TimeSpan.FromMilliseconds(20)));

        File.WriteAllText(events, "low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n");
        var got = w.WaitNext(TimeSpan.FromSeconds(5));
        Assert.Equal(new ulong[] { 1, 2 }, got.Select(e => e.OomKillCount));
        Assert.All(got, e => Assert.Equal("c1", e.ContainerId));

        // The event form, raised from the watcher's own thread.
        using var w2 = CgroupManager.WatchOomV2(dir, "c1");
        var seen = new System.Collections.Concurrent.ConcurrentQueue<OomEventArgs>();
        using var fired = new ManualResetEventSlim();
        w2.OomKilled += (_, e) => { seen.Enqueue(e); fired.Set(); };
        File.WriteAllText(events, "low 0\nhigh 0\nmax 13\noom 3\noom_kill 3\noom_group_kill 0\n");
        Assert.True(fired.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal(3UL, seen.Single().OomKillCount);
    }

    [Fact]
    public async Task OomWatcher_Dispose_WakesAWaiter()
    {
        var (tree, _) = Setup();
        using var __ = tree;
        var dir = tree.Sys(Dir);
        File.WriteAllText(Path.Combine(dir, "memory.events"), "oom_kill 0\n");
        var w = CgroupManager.WatchOomV2(dir, "c1");
        var t = Task.Run(() => w.WaitNext(Timeout.InfiniteTimeSpan));
        await Task.Delay(100);
        w.Dispose();
        var result = await t.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(result);
    }
}
