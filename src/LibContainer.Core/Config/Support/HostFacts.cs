using LibContainer.Security;

namespace LibContainer.Config;

/// <summary>What the running host offers that a config may ask for: read once per process (a test seam: build one
/// by hand to ask <see cref="ConfigSupport"/> about another host).</summary>
/// <param name="BoundingSet">The capability bounding set of this process (CapBnd, read with prctl): no container
/// can be granted a capability outside it, not even in a new user namespace.</param>
/// <param name="AppArmor">AppArmor is enabled in this kernel.</param>
/// <param name="Selinux">SELinux is enabled (selinuxfs mounted).</param>
public sealed record HostFacts(ulong BoundingSet, bool AppArmor, bool Selinux)
{
    private static HostFacts? s_current;

    /// <summary>This host, read on first use.</summary>
    public static HostFacts Current => s_current ??= Read();

    private static HostFacts Read() => new(ReadBoundingSet(), Labels.AppArmorEnabled(), Labels.SelinuxEnabled());

    // prctl(PR_CAPBSET_READ) per capability: a few dozen syscalls instead of reading and parsing /proc/self/status
    // on every create. It fails with EINVAL past the kernel's last capability.
    private static ulong ReadBoundingSet()
    {
        ulong mask = 0;
        for (int cap = 0; cap < 64; cap++)
        {
            int r = Interop.Libc.prctl(Interop.SecurityNative.PR_CAPBSET_READ, (ulong)cap, 0, 0, 0);
            if (r < 0) return cap == 0 ? ulong.MaxValue : mask; // unknown: let capset decide (init names the capability then)
            if (r == 1) mask |= 1UL << cap;
        }
        return mask;
    }
}
