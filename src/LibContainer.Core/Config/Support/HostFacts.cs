using System.Globalization;
using LibContainer.Security;

namespace LibContainer.Config;

/// <summary>What the running host offers that a config may ask for: read once per process (a test seam: build one
/// by hand to ask <see cref="ConfigSupport"/> about another host).</summary>
/// <param name="BoundingSet">The capability bounding set of this process (/proc/self/status CapBnd): no container
/// can be granted a capability outside it, not even in a new user namespace.</param>
/// <param name="AppArmor">AppArmor is enabled in this kernel.</param>
/// <param name="Selinux">SELinux is enabled (selinuxfs mounted).</param>
/// <param name="LandlockAbi">The kernel's Landlock ABI version (0: no Landlock).</param>
public sealed record HostFacts(ulong BoundingSet, bool AppArmor, bool Selinux, int LandlockAbi = 0)
{
    private static HostFacts? s_current;

    /// <summary>This host, read on first use.</summary>
    public static HostFacts Current => s_current ??= Read();

    private static HostFacts Read() =>
        new(ReadBoundingSet(), Labels.AppArmorEnabled(), Labels.SelinuxEnabled(), Interop.SecurityNative.LandlockAbiVersion());

    private static ulong ReadBoundingSet()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("CapBnd:", StringComparison.Ordinal)
                    && ulong.TryParse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask))
                    return mask;
        }
        catch (IOException) { }
        return ulong.MaxValue; // unknown: let capset decide (init names the capability then)
    }
}
