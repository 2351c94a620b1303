using LibContainer.Config;

namespace LibContainer.Cgroups;

/// <summary>linux.resources → cgroup v1 control files.</summary>
internal sealed class V1ResourceWriter(CgroupManager manager) : ResourceWriter(manager)
{
    public void Memory(string dir, LinuxMemory mem)
    {
        _m.CheckBeforeUpdate(mem, Path.Combine(dir, "memory.usage_in_bytes"));
        bool swapFile = File.Exists(Path.Combine(dir, "memory.memsw.limit_in_bytes"));
        if (mem.Swap is { } swap && swap != 0 && !swapFile)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                $"this host cannot honour memory.swap = {swap}: controller \"memory\" has no file {Path.Combine(dir, "memory.memsw.limit_in_bytes")} (swap accounting is off: boot with swapaccount=1)",
                _m.ContainerId);

        // memsw must stay >= limit at every step: raise memsw first when the new limit exceeds the current memsw.
        bool swapFirst = false;
        if (mem.Limit is { } newLimit && mem.Swap is { } newSwap && swapFile && newSwap != 0)
        {
            var currentMemsw = CgroupFile.ReadUInt64(Path.Combine(dir, "memory.memsw.limit_in_bytes"));
            swapFirst = newLimit < 0 || (ulong)newLimit > currentMemsw || newSwap < 0;
        }
        if (swapFirst) WriteSwap(dir, mem.Swap!.Value);
        if (mem.Limit is { } limit) _m.WriteControl("memory", dir, "memory.limit_in_bytes", S(limit));
        if (!swapFirst && mem.Swap is { } s2 && s2 != 0) WriteSwap(dir, s2);

        if (mem.Reservation is { } r) _m.WriteControl("memory", dir, "memory.soft_limit_in_bytes", S(r));
        if (mem.KernelTcp is { } tcp) _m.WriteControl("memory", dir, "memory.kmem.tcp.limit_in_bytes", S(tcp));
        if (mem.Swappiness is { } sw)
        {
            if (sw > 100)
                throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                    $"linux.resources.memory.swappiness {sw} is out of range 0..100", _m.ContainerId);
            _m.WriteControl("memory", dir, "memory.swappiness", S(sw));
        }
        if (mem.DisableOomKiller is { } off) _m.WriteControl("memory", dir, "memory.oom_control", off ? "1" : "0");
    }

    private void WriteSwap(string dir, long swap) =>
        _m.WriteControl("memory", dir, "memory.memsw.limit_in_bytes", S(swap), "swap accounting");

    public void Cpu(string dir, LinuxCpu cpu)
    {
        if (cpu.Shares is { } shares) _m.WriteControl("cpu", dir, "cpu.shares", S(shares));
        if (cpu.Period is { } period) _m.WriteControl("cpu", dir, "cpu.cfs_period_us", S(period));
        if (cpu.Quota is { } quota) _m.WriteControl("cpu", dir, "cpu.cfs_quota_us", S(quota < 0 ? -1 : quota));
        if (cpu.Burst is { } burst) _m.WriteControl("cpu", dir, "cpu.cfs_burst_us", S(burst), "needs Linux 5.14+");
        _m.SetRealtime(dir, cpu.RealtimePeriod, cpu.RealtimeRuntime);
        if (cpu.Idle is { } idle) _m.WriteControl("cpu", dir, "cpu.idle", S(idle), "needs Linux 5.15+");
    }

    public void BlockIo(string dir, LinuxBlockIo bio)
    {
        // CFQ's blkio.weight is gone on current kernels; BFQ offers blkio.bfq.weight instead.
        string WeightFile(string cfq, string bfq) =>
            File.Exists(Path.Combine(dir, cfq)) || !File.Exists(Path.Combine(dir, bfq)) ? cfq : bfq;
        if (bio.Weight is { } w) _m.WriteControl("blkio", dir, WeightFile("blkio.weight", "blkio.bfq.weight"), S(w), "no CFQ or BFQ weight on this kernel");
        if (bio.LeafWeight is { } lw) _m.WriteControl("blkio", dir, "blkio.leaf_weight", S(lw), "CFQ only");
        foreach (var d in bio.WeightDevice ?? new())
        {
            if (d.Weight is { } dw)
                _m.WriteControl("blkio", dir, WeightFile("blkio.weight_device", "blkio.bfq.weight_device"), $"{d.Major}:{d.Minor} {dw}", "no CFQ or BFQ weight on this kernel");
            if (d.LeafWeight is { } dlw)
                _m.WriteControl("blkio", dir, "blkio.leaf_weight_device", $"{d.Major}:{d.Minor} {dlw}", "CFQ only");
        }
        Throttle(dir, "blkio.throttle.read_bps_device", bio.ThrottleReadBpsDevice);
        Throttle(dir, "blkio.throttle.write_bps_device", bio.ThrottleWriteBpsDevice);
        Throttle(dir, "blkio.throttle.read_iops_device", bio.ThrottleReadIopsDevice);
        Throttle(dir, "blkio.throttle.write_iops_device", bio.ThrottleWriteIopsDevice);
    }

    private void Throttle(string dir, string file, List<LinuxThrottleDevice>? devices)
    {
        foreach (var d in devices ?? new()) _m.WriteControl("blkio", dir, file, $"{d.Major}:{d.Minor} {d.Rate}");
    }

    public void Hugetlb(string dir, List<LinuxHugepageLimit> limits)
    {
        foreach (var l in limits)
            _m.WriteControl("hugetlb", dir, $"hugetlb.{CgroupConversions.HugePageSizeName(l.PageSize)}.limit_in_bytes", S(l.Limit),
                "page size not offered by this host");
    }

    /// <summary>Rules in order; a list that starts by denying everything first resets the cgroup to deny-all.</summary>
    public void Devices(string dir, List<LinuxDeviceCgroup> rules)
    {
        foreach (var r in rules)
        {
            var line = CgroupConversions.DeviceRule(r.Type, r.Major, r.Minor, r.Access);
            if (r.Type is null or "a" && (r.Major is null or -1) && (r.Minor is null or -1) && (r.Access ?? "rwm") == "rwm")
                line = "a"; // the kernel's spelling of "every device, every access"
            _m.WriteControl("devices", dir, r.Allow ? "devices.allow" : "devices.deny", line);
        }
    }

    public void NetClassId(string dir, uint classId) => _m.WriteControl("net_cls", dir, "net_cls.classid", S(classId));

    public void NetPriorities(string dir, List<LinuxInterfacePriority> priorities)
    {
        foreach (var p in priorities) _m.WriteControl("net_prio", dir, "net_prio.ifpriomap", $"{p.Name} {p.Priority}");
    }
}
