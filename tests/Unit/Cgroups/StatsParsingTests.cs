using LibContainer.Cgroups;
using LibContainer.Stats;
using Xunit;

namespace LibContainer.Tests.Cgroups;

/// <summary>Stats read from temp trees holding the kernel's file formats (values taken from real hosts).</summary>
public class StatsParsingTests
{
    private const string V1MemoryStat =
        "cache 4730880\nrss 1245184\nrss_huge 0\nshmem 0\nmapped_file 3244032\ndirty 0\nwriteback 0\nswap 0\n" +
        "pgpgin 3036\npgpgout 1586\npgfault 4763\npgmajfault 41\ninactive_anon 1216512\nactive_anon 0\n" +
        "inactive_file 4325376\nactive_file 405504\nunevictable 0\nhierarchical_memory_limit 16777216\n" +
        "hierarchical_memsw_limit 16777216\ntotal_cache 4730880\ntotal_rss 1245184\ntotal_swap 0\n" +
        "total_pgfault 4763\ntotal_inactive_file 4325376\n";

    private const string V1BlkioBytes =
        "8:0 Read 1597440\n8:0 Write 4096\n8:0 Sync 1601536\n8:0 Async 0\n8:0 Discard 0\n8:0 Total 1601536\n" +
        "253:1 Read 81920\n253:1 Write 0\n253:1 Sync 81920\n253:1 Async 0\n253:1 Discard 0\n253:1 Total 81920\nTotal 1683456\n";

    private const string V1BlkioOps =
        "8:0 Read 97\n8:0 Write 1\n8:0 Sync 98\n8:0 Async 0\n8:0 Discard 0\n8:0 Total 98\nTotal 98\n";

    [Fact]
    public void V1_AllSections()
    {
        using var tree = FakeCgroupTree.V1();
        const string cg = "/nsinit/s1";
        tree.MakeCgroup("/sys/fs/cgroup/cpu,cpuacct" + cg,
            ("cpuacct.usage", "4259211053\n"), ("cpuacct.usage_percpu", "2134770297 2124440756 \n"),
            ("cpuacct.usage_user", "3100000000\n"), ("cpuacct.usage_sys", "1150000000\n"),
            ("cpu.stat", "nr_periods 220\nnr_throttled 37\nthrottled_time 3361236473\nnr_bursts 0\nburst_time 0\n"));
        tree.MakeCgroup("/sys/fs/cgroup/memory" + cg,
            ("memory.usage_in_bytes", "6651904\n"), ("memory.max_usage_in_bytes", "16777216\n"), ("memory.limit_in_bytes", "16777216\n"),
            ("memory.failcnt", "1893\n"), ("memory.memsw.usage_in_bytes", "6651904\n"), ("memory.memsw.limit_in_bytes", "16777216\n"),
            ("memory.stat", V1MemoryStat), ("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n"));
        tree.MakeCgroup("/sys/fs/cgroup/pids" + cg, ("pids.current", "7\n"), ("pids.max", "max\n"));
        tree.MakeCgroup("/sys/fs/cgroup/blkio" + cg,
            ("blkio.throttle.io_service_bytes_recursive", V1BlkioBytes), ("blkio.throttle.io_serviced_recursive", V1BlkioOps),
            ("blkio.throttle.io_service_bytes", "Total 0\n"));
        tree.MakeCgroup("/sys/fs/cgroup/hugetlb" + cg,
            ("hugetlb.2MB.usage_in_bytes", "2097152\n"), ("hugetlb.2MB.max_usage_in_bytes", "4194304\n"),
            ("hugetlb.2MB.limit_in_bytes", "4194304\n"), ("hugetlb.2MB.failcnt", "3\n"),
            ("hugetlb.1GB.usage_in_bytes", "0\n"), ("hugetlb.1GB.max_usage_in_bytes", "0\n"),
            ("hugetlb.1GB.limit_in_bytes", "9223372036854771712\n"), ("hugetlb.1GB.failcnt", "0\n"));
        foreach (var h in new[] { "systemd", "net_cls,net_prio", "freezer", "devices", "cpuset" }) tree.MakeCgroup($"/sys/fs/cgroup/{h}{cg}");

        var s = CgroupManagerFactory.Open(cg, "s1", false, tree.Detect()).GetStats();
        Assert.Equal("s1", s.ContainerId);
        Assert.Equal(4259211053UL, s.Cpu.TotalUsage);
        Assert.Equal(new ulong[] { 2134770297, 2124440756 }, s.Cpu.PerCpuUsage);
        Assert.Equal(3100000000UL, s.Cpu.UserUsage);
        Assert.Equal(1150000000UL, s.Cpu.SystemUsage);
        Assert.Equal(220UL, s.Cpu.ThrottlingPeriods);
        Assert.Equal(37UL, s.Cpu.ThrottledPeriods);
        Assert.Equal(3361236473UL, s.Cpu.ThrottledTime);

        Assert.Equal(6651904UL, s.Memory.Usage);
        Assert.Equal(16777216UL, s.Memory.MaxUsage);
        Assert.Equal(16777216UL, s.Memory.Limit);
        Assert.Equal(1893UL, s.Memory.Failcnt);
        Assert.Equal(4730880UL, s.Memory.Cache);
        Assert.Equal(1245184UL, s.Memory.Rss);
        Assert.Equal(0UL, s.Memory.SwapUsage);
        Assert.Equal(16777216UL, s.Memory.SwapLimit);
        Assert.Equal(2UL, s.Memory.OomKillCount);
        Assert.Equal(41UL, s.Memory.Raw["pgmajfault"]);

        Assert.Equal(7UL, s.Pids.Current);
        Assert.Equal(StatsLimit.Unlimited, s.Pids.Limit);

        Assert.Equal(12, s.BlockIo.ServiceBytes.Count);
        Assert.Contains(s.BlockIo.ServiceBytes, e => e is { Major: 8, Minor: 0, Op: "Read", Value: 1597440 });
        Assert.Contains(s.BlockIo.ServiceBytes, e => e is { Major: 253, Minor: 1, Op: "Total", Value: 81920 });
        Assert.Equal(6, s.BlockIo.Serviced.Count);
        Assert.Contains(s.BlockIo.Serviced, e => e is { Major: 8, Op: "Read", Value: 97 });

        Assert.Equal(new[] { "1GB", "2MB" }, s.Hugetlb.Select(h => h.PageSize));
        var two = s.Hugetlb.Single(h => h.PageSize == "2MB");
        Assert.Equal((2097152UL, 4194304UL, 4194304UL, 3UL), (two.Usage, two.MaxUsage, two.Limit, two.Failcnt));
        Assert.Empty(s.Network);
    }

    [Fact]
    public void V1_CpuacctStat_TicksWhenUsageUserIsAbsent()
    {
        var cpu = new CpuStats();
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "cpuacct.usage"), "100\n");
            File.WriteAllText(Path.Combine(dir, "cpuacct.stat"), "user 42011\nsystem 3881\n");
            CgroupStatsReader.ReadV1CpuAcct(dir, cpu);
            Assert.Equal(420110000000UL, cpu.UserUsage);
            Assert.Equal(38810000000UL, cpu.SystemUsage);
        }
        finally { Directory.Delete(dir, true); }
    }

    private const string V2MemoryStat =
        "anon 1216512\nfile 4730880\nkernel 380928\nkernel_stack 32768\npagetables 69632\nsec_pagetables 0\n" +
        "percpu 0\nsock 0\nvmalloc 0\nshmem 0\nzswap 0\nzswapped 0\nfile_mapped 3244032\nfile_dirty 0\n" +
        "file_writeback 0\nswapcached 0\nanon_thp 0\nfile_thp 0\nshmem_thp 0\ninactive_anon 1212416\n" +
        "active_anon 4096\ninactive_file 4325376\nactive_file 405504\nunevictable 0\nslab_reclaimable 140416\n" +
        "slab_unreclaimable 120144\nslab 260560\npgfault 4763\npgmajfault 41\n";

    [Fact]
    public void V2_AllSections()
    {
        using var tree = FakeCgroupTree.V2();
        const string cg = "/nsinit/s2";
        tree.MakeCgroup("/sys/fs/cgroup" + cg,
            ("cpu.stat", "usage_usec 4259211\nuser_usec 3100000\nsystem_usec 1159211\ncore_sched.force_idle_usec 0\n" +
                         "nr_periods 220\nnr_throttled 37\nthrottled_usec 3361236\nnr_bursts 0\nburst_usec 0\n"),
            ("memory.current", "6651904\n"), ("memory.peak", "16777216\n"), ("memory.max", "16777216\n"),
            ("memory.swap.current", "0\n"), ("memory.swap.max", "max\n"), ("memory.stat", V2MemoryStat),
            ("memory.events", "low 0\nhigh 0\nmax 1893\noom 3\noom_kill 2\noom_group_kill 0\n"),
            ("pids.current", "7\n"), ("pids.max", "100\n"),
            ("io.stat", "8:0 rbytes=1597440 wbytes=4096 rios=97 wios=1 dbytes=0 dios=0\n253:1 rbytes=81920 wbytes=0 rios=20 wios=0 dbytes=512 dios=1\n"),
            ("hugetlb.2MB.current", "2097152\n"), ("hugetlb.2MB.max", "4194304\n"), ("hugetlb.2MB.events", "max 3\n"),
            ("hugetlb.2MB.rsvd.max", "max\n"), ("hugetlb.1GB.current", "0\n"), ("hugetlb.1GB.max", "max\n"), ("hugetlb.1GB.events", "max 0\n"));

        var s = CgroupManagerFactory.Open(cg, "s2", false, tree.Detect()).GetStats();
        Assert.Equal(4259211000UL, s.Cpu.TotalUsage);
        Assert.Empty(s.Cpu.PerCpuUsage);
        Assert.Equal(3100000000UL, s.Cpu.UserUsage);
        Assert.Equal(1159211000UL, s.Cpu.SystemUsage);
        Assert.Equal((220UL, 37UL, 3361236000UL), (s.Cpu.ThrottlingPeriods, s.Cpu.ThrottledPeriods, s.Cpu.ThrottledTime));

        Assert.Equal(6651904UL, s.Memory.Usage);
        Assert.Equal(16777216UL, s.Memory.MaxUsage);
        Assert.Equal(16777216UL, s.Memory.Limit);
        Assert.Equal(ulong.MaxValue, s.Memory.SwapLimit);
        Assert.Equal(4730880UL, s.Memory.Cache);
        Assert.Equal(1216512UL, s.Memory.Rss);
        Assert.Equal(1893UL, s.Memory.Failcnt);
        Assert.Equal(2UL, s.Memory.OomKillCount);

        Assert.Equal((7UL, 100UL), (s.Pids.Current, s.Pids.Limit));

        Assert.Contains(s.BlockIo.ServiceBytes, e => e is { Major: 8, Minor: 0, Op: "Read", Value: 1597440 });
        Assert.Contains(s.BlockIo.ServiceBytes, e => e is { Major: 8, Minor: 0, Op: "Write", Value: 4096 });
        Assert.Contains(s.BlockIo.ServiceBytes, e => e is { Major: 253, Minor: 1, Op: "Discard", Value: 512 });
        Assert.Contains(s.BlockIo.Serviced, e => e is { Major: 253, Minor: 1, Op: "Read", Value: 20 });
        Assert.Equal(6, s.BlockIo.Serviced.Count);

        Assert.Equal(new[] { "1GB", "2MB" }, s.Hugetlb.Select(h => h.PageSize));
        var two = s.Hugetlb.Single(h => h.PageSize == "2MB");
        Assert.Equal((2097152UL, 4194304UL, 3UL), (two.Usage, two.Limit, two.Failcnt));
        Assert.Equal(ulong.MaxValue, s.Hugetlb.Single(h => h.PageSize == "1GB").Limit);
    }

    [Fact]
    public void Parsers_Edges()
    {
        Assert.Equal(ulong.MaxValue, CgroupFile.ParseUInt64("max"));
        Assert.Equal(ulong.MaxValue, CgroupFile.ParseUInt64("-1"));
        Assert.Equal(0UL, CgroupFile.ParseUInt64(""));
        Assert.Equal(9223372036854771712UL, CgroupFile.ParseUInt64("9223372036854771712"));
        Assert.Empty(CgroupStatsReader.ParseV1BlkioEntries("Total 0\n"));
        Assert.Equal(new ulong[] { 1, 2, 3 }, CgroupStatsReader.ParseNumberList("1 2 3 \n"));
    }

    [Theory]
    [InlineData("max", ulong.MaxValue)]
    [InlineData("9223372036854771712", ulong.MaxValue)] // v1 memory.limit_in_bytes without a limit (4 KiB pages)
    [InlineData("9223372036854710272", ulong.MaxValue)] // the same with 64 KiB pages
    [InlineData("-1", ulong.MaxValue)]
    [InlineData("16777216", 16777216UL)]
    [InlineData("", 0UL)]
    public void Limits_Have_One_Unlimited_Convention(string text, ulong expected)
    {
        Assert.Equal(expected, CgroupFile.ParseLimit(text));
        Assert.Equal(expected == StatsLimit.Unlimited ? null : expected, StatsLimit.OrNull(expected));
    }
}
