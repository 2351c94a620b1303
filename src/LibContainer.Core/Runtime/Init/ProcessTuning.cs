using System.Globalization;
using LibContainer.Config;
using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Runtime.Init;

/// <summary>process.scheduler (sched_setattr), process.ioPriority (ioprio_set), process.execCPUAffinity
/// (sched_setaffinity) and linux.memoryPolicy (set_mempolicy): parsed by the parent into numbers and masks, applied
/// by init (and by an exec'd process) with raw syscalls.</summary>
internal sealed unsafe class ProcessTuning
{
    private const long SYS_sched_setaffinity = 203, SYS_set_mempolicy = 238, SYS_ioprio_set = 251, SYS_sched_setattr = 314;
    private const int IOPRIO_WHO_PROCESS = 1, IOPRIO_CLASS_SHIFT = 13;

    private ulong[]? _initial, _final, _nodes;
    private int _memMode = -1;
    private int _ioprio = -1;
    private SchedAttr? _sched;

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct SchedAttr
    {
        public uint Size, Policy;
        public ulong Flags;
        public int Nice;
        public uint Priority;
        public ulong Runtime, Deadline, Period;
    }

    public static ProcessTuning Resolve(Process process, MemoryPolicy? memoryPolicy)
    {
        var t = new ProcessTuning();
        if (process.Scheduler is { } s)
        {
            ulong flags = 0;
            foreach (var f in s.Flags ?? new List<string>()) flags |= SchedFlag(f);
            t._sched = new SchedAttr
            {
                Size = (uint)sizeof(SchedAttr), Policy = (uint)OciNames.SchedulerPolicies.ToList().IndexOf(s.Policy),
                Flags = flags, Nice = s.Nice ?? 0, Priority = (uint)(s.Priority ?? 0),
                Runtime = s.Runtime ?? 0, Deadline = s.Deadline ?? 0, Period = s.Period ?? 0,
            };
        }
        if (process.IoPriority is { } io)
            t._ioprio = ((OciNames.IoPriorityClasses.ToList().IndexOf(io.Class) + 1) << IOPRIO_CLASS_SHIFT) | io.Priority;
        if (process.ExecCPUAffinity is { } aff)
        {
            t._initial = aff.Initial is { Length: > 0 } i ? Mask(i) : null;
            t._final = aff.Final is { Length: > 0 } f ? Mask(f) : null;
        }
        if (memoryPolicy is { } mp)
        {
            t._memMode = MemoryMode(mp.Mode);
            foreach (var f in mp.Flags ?? new List<string>())
                t._memMode |= f switch
                {
                    "MPOL_F_STATIC_NODES" => 1 << 15,
                    "MPOL_F_RELATIVE_NODES" => 1 << 14,
                    "MPOL_F_NUMA_BALANCING" => 1 << 13,
                    _ => throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"linux.memoryPolicy.flags: unknown flag \"{f}\""),
                };
            t._nodes = mp.Nodes is { Length: > 0 } n ? Mask(n) : null;
        }
        return t;
    }

    /// <summary>The policy numbers as in linux/sched.h: the OCI list is in that order (SCHED_ISO = 4 is unused).</summary>
    private static ulong SchedFlag(string f) => f switch
    {
        "SCHED_FLAG_RESET_ON_FORK" => 0x01, "SCHED_FLAG_RECLAIM" => 0x02, "SCHED_FLAG_DL_OVERRUN" => 0x04,
        "SCHED_FLAG_KEEP_POLICY" => 0x08, "SCHED_FLAG_KEEP_PARAMS" => 0x10, "SCHED_FLAG_UTIL_CLAMP_MIN" => 0x20,
        "SCHED_FLAG_UTIL_CLAMP_MAX" => 0x40,
        _ => throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"process.scheduler.flags: unknown flag \"{f}\""),
    };

    private static int MemoryMode(string mode) => mode switch
    {
        "MPOL_DEFAULT" => 0, "MPOL_PREFERRED" => 1, "MPOL_BIND" => 2, "MPOL_INTERLEAVE" => 3, "MPOL_LOCAL" => 4,
        "MPOL_PREFERRED_MANY" => 5, "MPOL_WEIGHTED_INTERLEAVE" => 6,
        _ => throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"linux.memoryPolicy.mode: unknown mode \"{mode}\""),
    };

    /// <summary>"0-3,5" as a bitmask of 64-bit words (the kernel's cpumask / nodemask layout).</summary>
    internal static ulong[] Mask(string list)
    {
        var bits = new List<int>();
        foreach (var part in list.Split(','))
        {
            var range = part.Split('-');
            int lo = int.Parse(range[0], CultureInfo.InvariantCulture), hi = range.Length > 1 ? int.Parse(range[1], CultureInfo.InvariantCulture) : lo;
            for (int b = lo; b <= hi; b++) bits.Add(b);
        }
        var mask = new ulong[bits.Count == 0 ? 1 : bits.Max() / 64 + 1];
        foreach (var b in bits) mask[b / 64] |= 1UL << (b % 64);
        return mask;
    }

    /// <summary>execCPUAffinity.initial: first thing in init, before it joins the container's cgroups.</summary>
    public void ApplyInitialAffinity() => SetAffinity(_initial, "execCPUAffinity.initial");

    /// <summary>execCPUAffinity.final: after the cgroups, right before execve.</summary>
    public void ApplyFinalAffinity() => SetAffinity(_final, "execCPUAffinity.final");

    /// <summary>Scheduler, I/O priority and memory policy, while init still holds its privileges.</summary>
    public void ApplyPolicies()
    {
        if (_sched is { } attr)
            RuntimeSys.Check((int)syscall(SYS_sched_setattr, 0, (nint)(&attr), 0, 0, 0), "sched_setattr", "process.scheduler");
        if (_ioprio >= 0)
            RuntimeSys.Check((int)syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, _ioprio, 0, 0), "ioprio_set", "process.ioPriority");
        if (_memMode >= 0)
        {
            var nodes = _nodes ?? [];
            fixed (ulong* p = nodes)
                RuntimeSys.Check((int)syscall(SYS_set_mempolicy, _memMode, nodes.Length == 0 ? 0 : (nint)p, nodes.Length * 64 + 1, 0, 0),
                    "set_mempolicy", "linux.memoryPolicy");
        }
    }

    private static void SetAffinity(ulong[]? mask, string what)
    {
        if (mask is null) return;
        fixed (ulong* p = mask)
            RuntimeSys.Check((int)syscall(SYS_sched_setaffinity, 0, mask.Length * 8, (nint)p, 0, 0), "sched_setaffinity", "process." + what);
    }
}
