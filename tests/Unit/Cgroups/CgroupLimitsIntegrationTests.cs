using LibContainer.Cgroups;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Cgroups;

[Trait("Category", "Integration")]
public class CgroupLimitsIntegrationTests
{
    private const long MiB = 1024 * 1024;

    private static string ReadLine(string dir, string file) => File.ReadAllText(Path.Combine(dir, file)).Trim();

    [Fact]
    public void Set_WritesLimits_ReadableFromTheFiles()
    {
        using var scope = new CgroupTestScope();
        var m = scope.Manager;
        m.Create();
        m.Set(new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 64 * MiB, Swap = 64 * MiB, Reservation = 32 * MiB, Swappiness = 10 },
            Cpu = new LinuxCpu { Shares = 512, Quota = 50000, Period = 100000, Cpus = "0", Mems = "0" },
            Pids = new LinuxPids { Limit = 42 },
            Devices = new List<LinuxDeviceCgroup>
            {
                new() { Allow = false, Access = "rwm" },
                new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
                new() { Allow = true, Type = "c", Major = 5, Minor = -1, Access = "rw" },
            },
        });
        Assert.Equal((64 * MiB).ToString(), ReadLine(m.Paths["memory"], "memory.limit_in_bytes"));
        if (File.Exists(Path.Combine(m.Paths["memory"], "memory.memsw.limit_in_bytes")))
            Assert.Equal((64 * MiB).ToString(), ReadLine(m.Paths["memory"], "memory.memsw.limit_in_bytes"));
        Assert.Equal((32 * MiB).ToString(), ReadLine(m.Paths["memory"], "memory.soft_limit_in_bytes"));
        Assert.Equal("10", ReadLine(m.Paths["memory"], "memory.swappiness"));
        Assert.Equal("512", ReadLine(m.Paths["cpu"], "cpu.shares"));
        Assert.Equal("50000", ReadLine(m.Paths["cpu"], "cpu.cfs_quota_us"));
        Assert.Equal("100000", ReadLine(m.Paths["cpu"], "cpu.cfs_period_us"));
        Assert.Equal("0", ReadLine(m.Paths["cpuset"], "cpuset.cpus"));
        Assert.Equal("42", ReadLine(m.Paths["pids"], "pids.max"));
        var devices = File.ReadAllText(Path.Combine(m.Paths["devices"], "devices.list"));
        Assert.Contains("c 1:3 rwm", devices);
        Assert.Contains("c 5:* rw", devices);
        Assert.DoesNotContain("a *:* rwm", devices);

        // update: raise memory above the current memsw (ordering), and -1/0 pids → max.
        m.Set(new LinuxResources { Memory = new LinuxMemory { Limit = 128 * MiB, Swap = 128 * MiB }, Pids = new LinuxPids { Limit = 0 } });
        Assert.Equal((128 * MiB).ToString(), ReadLine(m.Paths["memory"], "memory.limit_in_bytes"));
        Assert.Equal("max", ReadLine(m.Paths["pids"], "pids.max"));

        var stats = m.GetStats();
        Assert.Equal((ulong)(128 * MiB), stats.Memory.Limit);
        Assert.Equal(0UL, stats.Pids.Limit);
    }

    [Fact]
    public void Set_ValueTheHostCannotHonour_IsAClearError()
    {
        using var scope = new CgroupTestScope();
        scope.Manager.Create();
        if (scope.Host.V1For("net_cls") is null)
        {
            var ex = Assert.Throws<ContainerException>(() => scope.Manager.Set(new LinuxResources { Network = new LinuxNetwork { ClassId = 0x100001 } }));
            Assert.Contains("net_cls", ex.Message);
        }
        var ex2 = Assert.Throws<ContainerException>(() => scope.Manager.Set(new LinuxResources { Unified = new() { ["memory.nonexistent"] = "1" } }));
        Assert.Contains("memory.nonexistent", ex2.Message);
        Assert.Contains("controller \"memory\"", ex2.Message);
    }

    [Fact]
    public void MemoryHog_In16MiB_IsOomKilled_AndTheEventFires()
    {
        using var scope = new CgroupTestScope();
        var m = scope.Manager;
        m.Create();
        m.Set(new LinuxResources { Memory = new LinuxMemory { Limit = 16 * MiB, Swap = 16 * MiB } });
        using var watcher = m.WatchOom();
        using var fired = new ManualResetEventSlim();
        OomEventArgs? seen = null;
        watcher.OomKilled += (_, e) => { seen = e; fired.Set(); };

        var hog = scope.StartInCgroup("exec tail /dev/zero");
        Assert.True(fired.Wait(TimeSpan.FromSeconds(20)), "no OOM event within 20 s");
        Assert.True(hog.WaitForExit(10000));
        Assert.Equal(137, hog.ExitCode); // SIGKILL
        Assert.Equal(scope.Id, seen!.ContainerId);
        Assert.True(seen.OomKillCount >= 1);
        Assert.True(m.GetStats().Memory.OomKillCount >= 1);
    }

    [Fact]
    public void OomWatcher_WaitNext_BlocksOnTheCallersThread()
    {
        using var scope = new CgroupTestScope();
        var m = scope.Manager;
        m.Create();
        m.Set(new LinuxResources { Memory = new LinuxMemory { Limit = 16 * MiB, Swap = 16 * MiB } });
        using var watcher = m.WatchOom();
        Assert.Empty(watcher.WaitNext(TimeSpan.FromMilliseconds(50)));
        var hog = scope.StartInCgroup("exec tail /dev/zero");
        var events = watcher.WaitNext(TimeSpan.FromSeconds(20));
        Assert.Single(events);
        Assert.Equal(1UL, events[0].OomKillCount);
    }

    [Fact]
    public void ForkLoop_StopsAtPidsLimit()
    {
        using var scope = new CgroupTestScope();
        var m = scope.Manager;
        m.Create();
        m.Set(new LinuxResources { Pids = new LinuxPids { Limit = 8 } });
        scope.StartInCgroup("for i in $(seq 1 40); do sleep 30 & done; sleep 30");
        // The loop forks 40 times; the kernel refuses forks beyond the limit (counted in pids.events "max").
        var events = Path.Combine(m.Paths["pids"], "pids.events");
        Deadline.WaitFor(() => File.ReadAllText(events).Trim() != "max 0");
        var stats = m.GetStats();
        Assert.NotEqual("max 0", File.ReadAllText(events).Trim());
        Assert.InRange(stats.Pids.Current, 2UL, 8UL);
        Assert.Equal(8UL, stats.Pids.Limit);
        Assert.InRange(m.GetPids().Count, 2, 8);
        m.Destroy(); // kills the loop and its children
        Assert.False(m.Exists);
    }

    [Fact]
    public void Freeze_StopsTheProcesses_AndThawResumes()
    {
        using var scope = new CgroupTestScope();
        var m = scope.Manager;
        m.Create();
        var spin = scope.Start("/bin/sh", "-c", "while :; do :; done");
        m.Apply(spin.Id);
        m.Freeze();
        Assert.True(m.IsFrozen);
        if (m.Paths.ContainsKey("freezer")) Assert.Equal('D', ProcState(spin.Id)); // the v1 freezer parks tasks uninterruptibly
        var t0 = CpuTicks(spin.Id);
        Thread.Sleep(300); // a window in which a running task would have used CPU time
        Assert.Equal(t0, CpuTicks(spin.Id));
        m.Thaw();
        Assert.False(m.IsFrozen);
        Assert.True(Deadline.WaitFor(() => CpuTicks(spin.Id) > t0), "no CPU time within 10 s of the thaw");

        // kill --all on a paused container: it still dies.
        m.Freeze();
        m.KillAll(15);
        Assert.True(spin.WaitForExit(5000));
    }

    [Fact]
    public void Destroy_OfAPausedCgroup_KillsAndRemovesIt()
    {
        using var scope = new CgroupTestScope();
        var m = scope.Manager;
        m.Create();
        var a = scope.Start("/bin/sh", "-c", "while :; do :; done");
        var b = scope.Start("/bin/sleep", "30");
        m.Apply(a.Id);
        m.Apply(b.Id);
        m.Freeze();
        m.Destroy();
        Assert.True(a.WaitForExit(5000));
        Assert.True(b.WaitForExit(5000));
        Assert.False(m.Exists);
    }

    [Fact]
    public void Stats_ReadCpuAndMemoryOfARealProcess()
    {
        using var scope = new CgroupTestScope();
        var m = scope.Manager;
        m.Create();
        scope.StartInCgroup("i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; sleep 30");
        Assert.True(Deadline.WaitFor(() => m.GetStats() is var t && t.Cpu.TotalUsage > 0 && t.Memory.Usage > 0), "no CPU/memory use seen");
        var s = m.GetStats();
        Assert.Equal(Environment.ProcessorCount, s.Cpu.PerCpuUsage.Count);
        Assert.True(s.Memory.Usage > 0);
        Assert.True(s.Pids.Current >= 1);
    }

    private static char ProcState(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[stat.LastIndexOf(')') + 2];
    }

    // utime + stime from /proc/<pid>/stat (fields 14 and 15).
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(f[11]) + long.Parse(f[12]);
    }
}
