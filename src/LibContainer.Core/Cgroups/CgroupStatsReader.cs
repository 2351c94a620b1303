using System.Globalization;
using LibContainer.Stats;

namespace LibContainer.Cgroups;

/// <summary>Reads statistics from cgroup files. Each section comes from the v1 hierarchy of its controller, else cgroup2.</summary>
internal static class CgroupStatsReader
{
    /// <summary>Reads everything for a manager's cgroup, each part from where its controller lives.</summary>
    public static ContainerStats Read(CgroupManager m)
    {
        var stats = new ContainerStats { ContainerId = m.ContainerId, Timestamp = DateTime.UtcNow };
        var v2 = m.UnifiedDir is { } u && Directory.Exists(u) ? u : null;

        if (m.V1Dir("cpuacct") is { } acct) ReadV1CpuAcct(acct, stats.Cpu);
        else if (v2 is not null) ReadV2Cpu(v2, stats.Cpu);
        if (m.V1Dir("cpu") is { } cpu) ReadCpuThrottlingV1(cpu, stats.Cpu);

        if (m.V1Dir("memory") is { } mem) ReadV1Memory(mem, stats.Memory);
        else if (v2 is not null && m.Host.V2Has("memory")) ReadV2Memory(v2, stats.Memory);

        if (m.V1Dir("pids") is { } pids) ReadPids(pids, stats.Pids);
        else if (v2 is not null && m.Host.V2Has("pids")) ReadPids(v2, stats.Pids);

        if (m.V1Dir("blkio") is { } blkio) ReadV1BlockIo(blkio, stats.BlockIo);
        else if (v2 is not null && m.Host.V2Has("io")) ReadV2Io(v2, stats.BlockIo);

        if (m.V1Dir("hugetlb") is { } huge) stats.Hugetlb = ReadHugetlb(huge, v2: false);
        else if (v2 is not null) stats.Hugetlb = ReadHugetlb(v2, v2: true);
        return stats;
    }

    public static void ReadV1CpuAcct(string dir, CpuStats cpu)
    {
        cpu.TotalUsage = CgroupFile.ReadUInt64(Path.Combine(dir, "cpuacct.usage"));
        cpu.PerCpuUsage = ParseNumberList(CgroupFile.TryRead(Path.Combine(dir, "cpuacct.usage_percpu")));
        if (File.Exists(Path.Combine(dir, "cpuacct.usage_user")))
        {
            cpu.UserUsage = CgroupFile.ReadUInt64(Path.Combine(dir, "cpuacct.usage_user"));
            cpu.SystemUsage = CgroupFile.ReadUInt64(Path.Combine(dir, "cpuacct.usage_sys"));
        }
        else
        {
            // cpuacct.stat counts USER_HZ (100 Hz) ticks.
            var ticks = CgroupFile.ReadKeyValues(Path.Combine(dir, "cpuacct.stat"));
            cpu.UserUsage = ticks.GetValueOrDefault("user") * 10_000_000UL;
            cpu.SystemUsage = ticks.GetValueOrDefault("system") * 10_000_000UL;
        }
    }

    public static void ReadCpuThrottlingV1(string dir, CpuStats cpu)
    {
        var s = CgroupFile.ReadKeyValues(Path.Combine(dir, "cpu.stat"));
        cpu.ThrottlingPeriods = s.GetValueOrDefault("nr_periods");
        cpu.ThrottledPeriods = s.GetValueOrDefault("nr_throttled");
        cpu.ThrottledTime = s.GetValueOrDefault("throttled_time");
    }

    public static void ReadV2Cpu(string dir, CpuStats cpu)
    {
        var s = CgroupFile.ReadKeyValues(Path.Combine(dir, "cpu.stat"));
        cpu.TotalUsage = s.GetValueOrDefault("usage_usec") * 1000;
        cpu.UserUsage = s.GetValueOrDefault("user_usec") * 1000;
        cpu.SystemUsage = s.GetValueOrDefault("system_usec") * 1000;
        cpu.ThrottlingPeriods = s.GetValueOrDefault("nr_periods");
        cpu.ThrottledPeriods = s.GetValueOrDefault("nr_throttled");
        cpu.ThrottledTime = s.GetValueOrDefault("throttled_usec") * 1000;
    }

    public static void ReadV1Memory(string dir, MemoryStats mem)
    {
        ulong F(string file) => CgroupFile.ReadUInt64(Path.Combine(dir, file));
        mem.Usage = F("memory.usage_in_bytes");
        mem.MaxUsage = F("memory.max_usage_in_bytes");
        mem.Limit = CgroupFile.ReadLimit(Path.Combine(dir, "memory.limit_in_bytes"));
        mem.Failcnt = F("memory.failcnt");
        mem.Raw = CgroupFile.ReadKeyValues(Path.Combine(dir, "memory.stat"));
        mem.Cache = mem.Raw.TryGetValue("total_cache", out var tc) ? tc : mem.Raw.GetValueOrDefault("cache");
        mem.Rss = mem.Raw.TryGetValue("total_rss", out var tr) ? tr : mem.Raw.GetValueOrDefault("rss");
        if (File.Exists(Path.Combine(dir, "memory.memsw.usage_in_bytes")))
        {
            var memsw = F("memory.memsw.usage_in_bytes");
            mem.SwapUsage = memsw > mem.Usage ? memsw - mem.Usage : 0;
            mem.SwapLimit = CgroupFile.ReadLimit(Path.Combine(dir, "memory.memsw.limit_in_bytes"));
        }
        else mem.SwapUsage = mem.Raw.TryGetValue("total_swap", out var ts) ? ts : mem.Raw.GetValueOrDefault("swap");
        mem.OomKillCount = CgroupFile.ReadKeyValues(Path.Combine(dir, "memory.oom_control")).GetValueOrDefault("oom_kill");
    }

    public static void ReadV2Memory(string dir, MemoryStats mem)
    {
        ulong F(string file) => CgroupFile.ReadUInt64(Path.Combine(dir, file));
        mem.Usage = F("memory.current");
        mem.MaxUsage = F("memory.peak");
        mem.Limit = CgroupFile.ReadLimit(Path.Combine(dir, "memory.max"));
        mem.SwapUsage = F("memory.swap.current");
        mem.SwapLimit = CgroupFile.ReadLimit(Path.Combine(dir, "memory.swap.max"));
        mem.Raw = CgroupFile.ReadKeyValues(Path.Combine(dir, "memory.stat"));
        mem.Cache = mem.Raw.GetValueOrDefault("file");
        mem.Rss = mem.Raw.GetValueOrDefault("anon");
        var events = CgroupFile.ReadKeyValues(Path.Combine(dir, "memory.events"));
        mem.Failcnt = events.GetValueOrDefault("max");
        mem.OomKillCount = events.GetValueOrDefault("oom_kill");
    }

    public static void ReadPids(string dir, PidsStats pids)
    {
        pids.Current = CgroupFile.ReadUInt64(Path.Combine(dir, "pids.current"));
        pids.Limit = CgroupFile.ReadLimit(Path.Combine(dir, "pids.max"));
    }

    public static void ReadV1BlockIo(string dir, BlockIoStats bio)
    {
        string Pick(string name) =>
            File.Exists(Path.Combine(dir, name + "_recursive")) ? Path.Combine(dir, name + "_recursive") : Path.Combine(dir, name);
        bio.ServiceBytes = ParseV1BlkioEntries(CgroupFile.TryRead(Pick("blkio.throttle.io_service_bytes")));
        bio.Serviced = ParseV1BlkioEntries(CgroupFile.TryRead(Pick("blkio.throttle.io_serviced")));
    }

    /// <summary>"8:0 Read 4096" lines; the trailing "Total N" line is a sum over devices and is skipped.</summary>
    public static List<BlockIoEntry> ParseV1BlkioEntries(string? text)
    {
        var list = new List<BlockIoEntry>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 3 || !TryParseDevice(f[0], out var major, out var minor)) continue;
            list.Add(new BlockIoEntry { Major = major, Minor = minor, Op = f[1], Value = CgroupFile.ParseUInt64(f[2]) });
        }
        return list;
    }

    public static void ReadV2Io(string dir, BlockIoStats bio)
    {
        var text = CgroupFile.TryRead(Path.Combine(dir, "io.stat")) ?? "";
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 2 || !TryParseDevice(f[0], out var major, out var minor)) continue;
            foreach (var kv in f.Skip(1))
            {
                int eq = kv.IndexOf('=');
                if (eq <= 0) continue;
                var value = CgroupFile.ParseUInt64(kv[(eq + 1)..]);
                var (list, op) = kv[..eq] switch
                {
                    "rbytes" => (bio.ServiceBytes, "Read"),
                    "wbytes" => (bio.ServiceBytes, "Write"),
                    "dbytes" => (bio.ServiceBytes, "Discard"),
                    "rios" => (bio.Serviced, "Read"),
                    "wios" => (bio.Serviced, "Write"),
                    "dios" => (bio.Serviced, "Discard"),
                    _ => (null, ""),
                };
                list?.Add(new BlockIoEntry { Major = major, Minor = minor, Op = op, Value = value });
            }
        }
    }

    /// <summary>One entry per page size found as hugetlb.&lt;size&gt;.* files in the directory.</summary>
    public static List<HugetlbStats> ReadHugetlb(string dir, bool v2)
    {
        var result = new List<HugetlbStats>();
        if (!Directory.Exists(dir)) return result;
        var suffix = v2 ? ".max" : ".limit_in_bytes";
        var sizes = Directory.EnumerateFiles(dir, "hugetlb.*" + suffix)
            .Select(f => Path.GetFileName(f))
            .Where(n => !n.Contains(".rsvd."))
            .Select(n => n["hugetlb.".Length..^suffix.Length])
            .OrderBy(s => s, StringComparer.Ordinal);
        foreach (var size in sizes)
        {
            string P(string rest) => Path.Combine(dir, $"hugetlb.{size}.{rest}");
            result.Add(v2
                ? new HugetlbStats
                {
                    PageSize = size,
                    Usage = CgroupFile.ReadUInt64(P("current")),
                    Limit = CgroupFile.ReadLimit(P("max")),
                    Failcnt = CgroupFile.ReadKeyValues(P("events")).GetValueOrDefault("max"),
                }
                : new HugetlbStats
                {
                    PageSize = size,
                    Usage = CgroupFile.ReadUInt64(P("usage_in_bytes")),
                    MaxUsage = CgroupFile.ReadUInt64(P("max_usage_in_bytes")),
                    Limit = CgroupFile.ReadLimit(P("limit_in_bytes")),
                    Failcnt = CgroupFile.ReadUInt64(P("failcnt")),
                });
        }
        return result;
    }

    public static List<ulong> ParseNumberList(string? text) =>
        (text ?? "").Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(CgroupFile.ParseUInt64).ToList();

    private static bool TryParseDevice(string s, out ulong major, out ulong minor)
    {
        major = minor = 0;
        int colon = s.IndexOf(':');
        return colon > 0 &&
               ulong.TryParse(s[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out major) &&
               ulong.TryParse(s[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out minor);
    }
}
