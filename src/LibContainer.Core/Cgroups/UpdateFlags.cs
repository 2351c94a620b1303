using System.Globalization;
using LibContainer.Config;

namespace LibContainer.Cgroups;

/// <summary>
/// runc's `update` flags (--memory 512m, --cpu-quota 50000, …) applied onto a LinuxResources, so the CLI stays glue.
/// Sizes take runc's units (b, k, m, g, t, p; powers of 1024); -1 means unlimited.
/// </summary>
public static class UpdateFlags
{
    /// <summary>The flag names (without "--") this class understands.</summary>
    public static readonly IReadOnlyList<string> Names = new[]
    {
        "blkio-weight", "cpu-period", "cpu-quota", "cpu-burst", "cpu-share", "cpu-rt-period", "cpu-rt-runtime",
        "cpuset-cpus", "cpuset-mems", "cpu-idle", "memory", "memory-reservation", "memory-swap", "kernel-memory",
        "kernel-memory-tcp", "pids-limit",
    };

    /// <summary>Sets the field a flag names; throws ContainerException (ConfigInvalid) for an unknown flag or a bad value.</summary>
    public static void Apply(LinuxResources r, string flag, string value)
    {
        var name = flag.TrimStart('-');
        LinuxCpu Cpu() => r.Cpu ??= new LinuxCpu();
        LinuxMemory Mem() => r.Memory ??= new LinuxMemory();
        switch (name)
        {
            case "blkio-weight":
                var w = UInt(name, value);
                if (w > 1000) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid value for --{name}: {w} is above 1000");
                (r.BlockIO ??= new LinuxBlockIo()).Weight = (ushort)w;
                break;
            case "cpu-period": Cpu().Period = UInt(name, value); break;
            case "cpu-quota": Cpu().Quota = Int(name, value); break;
            case "cpu-burst": Cpu().Burst = UInt(name, value); break;
            case "cpu-share": Cpu().Shares = UInt(name, value); break;
            case "cpu-rt-period": Cpu().RealtimePeriod = UInt(name, value); break;
            case "cpu-rt-runtime": Cpu().RealtimeRuntime = Int(name, value); break;
            case "cpuset-cpus": Cpu().Cpus = value; break;
            case "cpuset-mems": Cpu().Mems = value; break;
            case "cpu-idle": Cpu().Idle = Int(name, value); break;
            case "memory": Mem().Limit = Size(name, value); break;
            case "memory-reservation": Mem().Reservation = Size(name, value); break;
            case "memory-swap": Mem().Swap = Size(name, value); break;
            case "kernel-memory": Mem().Kernel = Size(name, value); break;
            case "kernel-memory-tcp": Mem().KernelTcp = Size(name, value); break;
            case "pids-limit": (r.Pids ??= new LinuxPids()).Limit = Int(name, value); break;
            default: throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"unknown update flag --{name}");
        }
    }

    /// <summary>"512m" → 536870912, "1g", "100k", "4096", "-1" (unlimited).</summary>
    public static long ParseSize(string value)
    {
        var s = value.Trim().ToLowerInvariant();
        if (s == "-1") return -1;
        if (s.EndsWith("ib", StringComparison.Ordinal)) s = s[..^2];
        else if (s.EndsWith('b') && s.Length > 1 && !char.IsDigit(s[^2])) s = s[..^1];
        int shift = 0;
        if (s.Length > 0 && !char.IsDigit(s[^1]))
        {
            shift = s[^1] switch { 'b' => 0, 'k' => 10, 'm' => 20, 'g' => 30, 't' => 40, 'p' => 50, _ => -1 };
            if (shift < 0) throw new FormatException($"unknown size unit in \"{value}\"");
            s = s[..^1];
        }
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n < 0)
            throw new FormatException($"invalid size \"{value}\"");
        return checked((long)(n * (1L << shift)));
    }

    private static long Size(string name, string value)
    {
        try { return ParseSize(value); }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid value for --{name}: {e.Message}");
        }
    }

    private static ulong UInt(string name, string value) =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
            : throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid value for --{name}: \"{value}\" is not an unsigned number");

    private static long Int(string name, string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
            : throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid value for --{name}: \"{value}\" is not a number");
}
