using LibContainer.Config;

namespace LibContainer.Cgroups;

/// <summary>linux.resources → cgroup v2 control files (values converted by <see cref="CgroupConversions"/>).</summary>
internal sealed class V2ResourceWriter(CgroupManager manager) : ResourceWriter(manager)
{
    public void Memory(string dir, LinuxMemory mem)
    {
        _m.CheckBeforeUpdate(mem, Path.Combine(dir, "memory.current"));
        if (mem.Swappiness is not null)
            throw _m.Missing("memory.swappiness", "memory", "cgroup v2 has no per-cgroup swappiness");
        if (mem.DisableOomKiller == true)
            throw _m.Missing("memory.disableOOMKiller", "memory", "cgroup v2 cannot disable the OOM killer");
        var swap = CgroupConversions.SwapToV2(mem.Swap, mem.Limit);
        // memory.swap.max is independent of memory.max in v2, so the order does not matter.
        if (mem.Limit is { } limit) _m.WriteControl("memory", dir, "memory.max", CgroupConversions.V2Limit(limit));
        if (swap is not null) _m.WriteControl("memory", dir, "memory.swap.max", swap, "swap accounting");
        if (mem.Reservation is { } r) _m.WriteControl("memory", dir, "memory.low", CgroupConversions.V2Limit(r));
    }

    public void Cpu(string dir, LinuxCpu cpu)
    {
        if (cpu.RealtimeRuntime is not null || cpu.RealtimePeriod is not null)
            throw _m.Missing("cpu.realtimeRuntime", "cpu", "cgroup v2 has no realtime group scheduling files");
        if (cpu.Shares is { } shares && shares != 0)
            _m.WriteControl("cpu", dir, "cpu.weight", S(CgroupConversions.CpuSharesToWeight(shares)));
        if (cpu.Quota is not null || cpu.Period is not null)
        {
            var current = CgroupFile.TryReadLine(Path.Combine(dir, "cpu.max"));
            _m.WriteControl("cpu", dir, "cpu.max", CgroupConversions.CpuMax(cpu.Quota, cpu.Period, current));
        }
        if (cpu.Burst is { } burst) _m.WriteControl("cpu", dir, "cpu.max.burst", S(burst), "needs Linux 5.14+");
        if (cpu.Idle is { } idle) _m.WriteControl("cpu", dir, "cpu.idle", S(idle), "needs Linux 5.15+");
    }

    public void BlockIo(string dir, LinuxBlockIo bio)
    {
        if (bio.LeafWeight is not null || (bio.WeightDevice ?? new()).Any(d => d.LeafWeight is not null))
            throw _m.Missing("blockIO.leafWeight", "io", "cgroup v2 has no leaf weights");
        // io.weight needs the BFQ or cost-model scheduler; io.bfq.weight is the BFQ spelling.
        string weightFile = File.Exists(Path.Combine(dir, "io.weight")) || !File.Exists(Path.Combine(dir, "io.bfq.weight"))
            ? "io.weight" : "io.bfq.weight";
        if (bio.Weight is { } w && w != 0)
            _m.WriteControl("io", dir, weightFile, $"default {CgroupConversions.BlkioWeightToIoWeight(w)}");
        foreach (var d in bio.WeightDevice ?? new())
            if (d.Weight is { } dw)
                _m.WriteControl("io", dir, weightFile, $"{d.Major}:{d.Minor} {CgroupConversions.BlkioWeightToIoWeight(dw)}");
        Throttle(dir, "rbps", bio.ThrottleReadBpsDevice);
        Throttle(dir, "wbps", bio.ThrottleWriteBpsDevice);
        Throttle(dir, "riops", bio.ThrottleReadIopsDevice);
        Throttle(dir, "wiops", bio.ThrottleWriteIopsDevice);
    }

    private void Throttle(string dir, string key, List<LinuxThrottleDevice>? devices)
    {
        foreach (var d in devices ?? new())
            _m.WriteControl("io", dir, "io.max", $"{d.Major}:{d.Minor} {key}={(d.Rate == 0 ? "max" : S(d.Rate))}");
    }

    public void Hugetlb(string dir, List<LinuxHugepageLimit> limits)
    {
        foreach (var l in limits)
            _m.WriteControl("hugetlb", dir, $"hugetlb.{CgroupConversions.HugePageSizeName(l.PageSize)}.max", S(l.Limit),
                "page size not offered by this host");
    }

    /// <summary>cgroup v2 has no devices files: the rules become an eBPF program attached to the cgroup.</summary>
    public void Devices(string dir, List<LinuxDeviceCgroup> rules)
    {
        var program = DeviceBpfProgram.Build(rules);
        DeviceBpfLoader.LoadAndAttach(dir, program);
    }

    /// <summary>Raw key/values: each key is a file of the container's cgroup2 directory.</summary>
    public void Unified(string dir, Dictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            if (key.Contains('/') || key is "." or ".." || key.Length == 0)
                throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                    $"linux.resources.unified key \"{key}\" is not a cgroup file name", _m.ContainerId);
            var controller = key.Contains('.') ? key[..key.IndexOf('.')] : key;
            _m.WriteControl(controller, dir, key, value, "linux.resources.unified");
        }
    }
}
