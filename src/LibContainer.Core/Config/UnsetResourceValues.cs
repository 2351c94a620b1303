namespace LibContainer.Config;

/// <summary>
/// Engines write every resource field they know, with 0 (or false) for the ones the user did not set: dockerd sends
/// <c>blockIO.weight: 0</c>, <c>cpu.shares: 0</c>, <c>pids.limit: 0</c> and <c>memory.limit: 0</c> on every create
/// and every <c>docker update</c>. runc 1.1 skips exactly these values when it writes the cgroup files, so they mean
/// "not set"; this turns them into null, once, where a config or an update is read.
/// </summary>
/// <remarks>Values runc does write are kept: swappiness 0, throttle rates 0 (remove the limit), hugepage limits,
/// cpu.idle and cpu.burst 0, and -1 for "unlimited"; so is disableOOMKiller false (writing it is harmless).</remarks>
public static class UnsetResourceValues
{
    /// <summary>Clears the engine zeros of <c>linux.resources</c> in place.</summary>
    public static void Clear(Spec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Linux?.Resources is { } res) Clear(res);
    }

    /// <summary>Clears the engine zeros of a resources object (a config's or an update's) in place.</summary>
    public static void Clear(LinuxResources res)
    {
        ArgumentNullException.ThrowIfNull(res);
        if (res.Memory is { } mem)
        {
            if (mem.Limit == 0) mem.Limit = null;
            if (mem.Reservation == 0) mem.Reservation = null;
            if (mem.Swap == 0) mem.Swap = null;
            if (mem.Kernel == 0) mem.Kernel = null;
            if (mem.KernelTcp == 0) mem.KernelTcp = null;
        }
        if (res.Cpu is { } cpu)
        {
            if (cpu.Shares == 0) cpu.Shares = null;
            if (cpu.Quota == 0) cpu.Quota = null;
            if (cpu.Period == 0) cpu.Period = null;
            if (cpu.RealtimeRuntime == 0) cpu.RealtimeRuntime = null;
            if (cpu.RealtimePeriod == 0) cpu.RealtimePeriod = null;
            if (cpu.Cpus == "") cpu.Cpus = null;
            if (cpu.Mems == "") cpu.Mems = null;
        }
        if (res.Pids is { Limit: 0 }) res.Pids = null;
        if (res.BlockIO is { } bio)
        {
            if (bio.Weight == 0) bio.Weight = null;
            if (bio.LeafWeight == 0) bio.LeafWeight = null;
            foreach (var d in bio.WeightDevice ?? [])
            {
                if (d.Weight == 0) d.Weight = null;
                if (d.LeafWeight == 0) d.LeafWeight = null;
            }
        }
        if (res.Network is { ClassId: 0 } net) net.ClassId = null;
    }
}
