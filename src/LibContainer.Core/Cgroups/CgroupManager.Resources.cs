using LibContainer.Config;

namespace LibContainer.Cgroups;

// Set(resources): each resource goes to the hierarchy that has its controller (v1 first, then cgroup2).
internal sealed partial class CgroupManager
{
    public void Set(LinuxResources? resources)
    {
        if (resources is null) return;
        var v1 = new V1ResourceWriter(this);
        var v2 = new V2ResourceWriter(this);

        if (resources.Memory is { } mem && HasAny(mem))
            if (V1Dir("memory") is { } d) v1.Memory(d, mem); else v2.Memory(RequireV2("memory", "memory"), mem);
        if (resources.Cpu is { } cpu)
        {
            if (HasAny(cpu))
                if (V1Dir("cpu") is { } d) v1.Cpu(d, cpu); else v2.Cpu(RequireV2("cpu", "cpu"), cpu);
            if (!string.IsNullOrEmpty(cpu.Cpus) || !string.IsNullOrEmpty(cpu.Mems))
                if (V1Dir("cpuset") is { } d) v1.Cpuset(d, cpu); else v2.Cpuset(RequireV2("cpuset", "cpuset"), cpu);
        }
        if (resources.Pids?.Limit is { } pids)
            if (V1Dir("pids") is { } d) v1.Pids(d, pids); else v2.Pids(RequireV2("pids", "pids"), pids);
        if (resources.BlockIO is { } bio && HasAny(bio))
            if (V1Dir("blkio") is { } d) v1.BlockIo(d, bio); else v2.BlockIo(RequireV2("blkio", "io"), bio);
        if (resources.HugepageLimits is { Count: > 0 } huge)
            if (V1Dir("hugetlb") is { } d) v1.Hugetlb(d, huge); else v2.Hugetlb(RequireV2("hugetlb", "hugetlb"), huge);
        if (resources.Devices is { Count: > 0 } devices)
            if (V1Dir("devices") is { } d) v1.Devices(d, devices);
            else if (Host.Mode == CgroupMode.V2 && UnifiedDir is { } u) v2.Devices(u, devices);
            else throw Missing("devices", "devices", "no v1 devices hierarchy is mounted");
        if (resources.Network is { } net)
        {
            if (net.ClassId is { } classId)
                v1.NetClassId(V1Dir("net_cls") ?? throw Missing("network.classID", "net_cls", "no v1 net_cls hierarchy is mounted (cgroup v2 has no net_cls)"), classId);
            if (net.Priorities is { Count: > 0 } prios)
                v1.NetPriorities(V1Dir("net_prio") ?? throw Missing("network.priorities", "net_prio", "no v1 net_prio hierarchy is mounted (cgroup v2 has no net_prio)"), prios);
        }
        if (resources.Rdma is { Count: > 0 } rdma)
            if (V1Dir("rdma") is { } d) v1.Rdma(d, rdma); else v2.Rdma(RequireV2("rdma", "rdma"), rdma);
        if (resources.Unified is { Count: > 0 } unified)
            v2.Unified(UnifiedDir ?? throw Missing("unified", "cgroup2", "this host has no cgroup2 mount"), unified);
    }

    internal static bool HasAny(LinuxMemory m) =>
        m.Limit is not null || m.Reservation is not null || m.Swap is not null || m.Swappiness is not null ||
        m.DisableOomKiller is not null || m.KernelTcp is not null || m.Kernel is not null;

    internal static bool HasAny(LinuxCpu c) =>
        c.Shares is not null || c.Quota is not null || c.Period is not null || c.Burst is not null ||
        c.RealtimeRuntime is not null || c.RealtimePeriod is not null || c.Idle is not null;

    internal static bool HasAny(LinuxBlockIo b) =>
        b.Weight is not null || b.LeafWeight is not null || b.WeightDevice is { Count: > 0 } ||
        b.ThrottleReadBpsDevice is { Count: > 0 } || b.ThrottleWriteBpsDevice is { Count: > 0 } ||
        b.ThrottleReadIopsDevice is { Count: > 0 } || b.ThrottleWriteIopsDevice is { Count: > 0 };

    /// <summary>The cgroup2 directory for a controller that has no v1 hierarchy; enables it on the way down when needed.</summary>
    private string RequireV2(string resource, string v2Controller)
    {
        if (UnifiedDir is not { } dir || Host.Unified is not { } u)
            throw Missing(resource, v2Controller, "no v1 hierarchy is mounted for it and the host has no cgroup2 mount");
        if (!u.Has(v2Controller))
            throw Missing(resource, v2Controller,
                $"no v1 hierarchy is mounted for it and {u.MountPoint}/cgroup.controllers does not offer \"{v2Controller}\"");
        EnableV2Controller(u, v2Controller);
        return dir;
    }

    /// <summary>memory.checkBeforeUpdate: refuse a limit below what the cgroup already uses (usageFile: v1 or v2 name).</summary>
    internal void CheckBeforeUpdate(LinuxMemory mem, string usageFile)
    {
        if (mem.CheckBeforeUpdate != true || mem.Limit is not { } lim || lim <= 0) return;
        var usage = CgroupFile.ReadUInt64(usageFile);
        if ((ulong)lim < usage)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                $"memory limit {lim} is below the current usage {usage} (checkBeforeUpdate)", ContainerId);
    }

    internal ContainerException Missing(string resource, string controller, string why) =>
        new(ContainerErrorKind.HostUnsupported,
            $"cannot apply linux.resources.{resource}: controller \"{controller}\" is not available: {why}", ContainerId)
        { JsonPath = "linux.resources." + resource };

    /// <summary>Writes one control file; a missing file is a clear error naming the controller and the file.</summary>
    internal void WriteControl(string controller, string dir, string file, string value, string? hint = null)
    {
        var path = System.IO.Path.Combine(dir, file);
        if (!File.Exists(path))
        {
            if (!Directory.Exists(dir))
                throw new ContainerException(ContainerErrorKind.SystemError,
                    $"cgroup directory {dir} does not exist (Create was not called or it was removed)", ContainerId);
            throw new ContainerException(ContainerErrorKind.HostUnsupported,
                $"this host cannot honour {file} = {value}: controller \"{controller}\" has no file {path}{(hint is null ? "" : " (" + hint + ")")}",
                ContainerId);
        }
        try
        {
            CgroupFile.Write(path, value);
        }
        catch (SyscallException e) when (e.Errno == LibContainer.Errno.EBUSY && file is "memory.limit_in_bytes" or "memory.memsw.limit_in_bytes")
        {
            // v1 refuses a limit below what the cgroup already holds: say that, not just "device or resource busy".
            throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                $"the memory limit {value} bytes is too low: the container already uses more than that " +
                $"({file}: EBUSY); raise linux.resources.memory.{(file == "memory.limit_in_bytes" ? "limit" : "swap")}", ContainerId, e);
        }
    }
}
