namespace LibContainer.PowerShell.Runtime;

/// <summary>Reads one stats sample of a container from its cgroup files and /proc/PID/net/dev.</summary>
internal static class StatsReader
{
    private const ulong Unlimited = 1UL << 62;

    public static ContainerStats Read(Container c)
    {
        var cg = CgroupFiles.For(c);
        var s = new ContainerStats { Name = c.Name, Id = c.Id, Timestamp = DateTime.UtcNow };
        s.CpuUsageNanoseconds = cg.ReadNumber("cpuacct.usage") ?? (cg.ReadKey("cpu.stat", "usage_usec") ?? 0) * 1000;
        s.MemoryUsageBytes = cg.ReadNumber("memory.usage_in_bytes") ?? cg.ReadNumber("memory.current") ?? 0;
        var limit = cg.ReadNumber("memory.limit_in_bytes") ?? cg.ReadNumber("memory.max");
        s.MemoryLimitBytes = limit is { } l && l < Unlimited ? l : null;
        s.MemoryMaxUsageBytes = cg.ReadNumber("memory.max_usage_in_bytes") ?? cg.ReadNumber("memory.peak") ?? 0;
        s.OomKills = OomKills(cg);
        s.Pids = cg.ReadNumber("pids.current") ?? 0;
        s.PidsLimit = cg.ReadNumber("pids.max");
        (s.BlockReadBytes, s.BlockWriteBytes) = BlockIo(cg);
        s.Interfaces = c.Pid > 0 ? NetDev(c.Pid) : [];
        foreach (var i in s.Interfaces.Where(i => i.Name != "lo"))
        {
            s.NetworkRxBytes += i.RxBytes;
            s.NetworkTxBytes += i.TxBytes;
        }
        return s;
    }

    public static ulong OomKills(CgroupFiles cg) =>
        cg.ReadKey("memory.oom_control", "oom_kill") ?? cg.ReadKey("memory.events", "oom_kill") ?? 0;

    private static (ulong Read, ulong Write) BlockIo(CgroupFiles cg)
    {
        ulong read = 0, write = 0;
        var v1 = cg.Read("blkio.throttle.io_service_bytes_recursive") ?? cg.Read("blkio.throttle.io_service_bytes");
        if (v1 is not null)
        {
            foreach (var line in v1.Split('\n'))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length != 3 || !ulong.TryParse(f[2], out var v)) continue;
                if (f[1] == "Read") read += v;
                else if (f[1] == "Write") write += v;
            }
            return (read, write);
        }
        foreach (var line in (cg.Read("io.stat") ?? "").Split('\n'))
            foreach (var kv in line.Split(' ').Skip(1))
            {
                var p = kv.Split('=');
                if (p.Length != 2 || !ulong.TryParse(p[1], out var v)) continue;
                if (p[0] == "rbytes") read += v;
                else if (p[0] == "wbytes") write += v;
            }
        return (read, write);
    }

    private static List<NetworkInterfaceSample> NetDev(int pid)
    {
        var list = new List<NetworkInterfaceSample>();
        string[] lines;
        try { lines = File.ReadAllLines($"/proc/{pid}/net/dev"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return list; }
        foreach (var line in lines.Skip(2))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var f = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10) continue;
            list.Add(new NetworkInterfaceSample
            {
                Name = line[..colon].Trim(), RxBytes = ulong.Parse(f[0]), RxPackets = ulong.Parse(f[1]),
                TxBytes = ulong.Parse(f[8]), TxPackets = ulong.Parse(f[9]),
            });
        }
        return list;
    }
}
