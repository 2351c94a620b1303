using System.Text.RegularExpressions;

namespace LibContainer.Config.Validation;

/// <summary>linux.resources: memory, cpu, pids, block I/O, hugepages, device cgroup rules, unified.</summary>
internal static partial class ResourceRules
{
    const string R = "linux.resources";

    public static void Check(Validator v)
    {
        if (v.Spec.Linux?.Resources is not { } res) return;

        if (res.Memory is { } mem)
        {
            Bytes(v, $"{R}.memory.limit", mem.Limit, "memory limit");
            Bytes(v, $"{R}.memory.reservation", mem.Reservation, "memory reservation");
            Bytes(v, $"{R}.memory.swap", mem.Swap, "memory+swap limit");
            Bytes(v, $"{R}.memory.kernel", mem.Kernel, "kernel memory limit");
            Bytes(v, $"{R}.memory.kernelTCP", mem.KernelTcp, "kernel TCP memory limit");
            if (mem is { Limit: long limit and > 0, Swap: long swap and >= 0 } && swap < limit)
                v.Error($"{R}.memory.swap", $"{swap} is less than memory.limit {limit} (swap is memory plus swap)");
            if (mem.Swappiness is ulong sw && sw > 100) v.Error($"{R}.memory.swappiness", $"{sw} is out of range (0..100)");
        }

        if (res.Cpu is { } cpu)
        {
            if (cpu.Shares is ulong shares && shares != 0 && shares is < 2 or > 262144)
                v.Error($"{R}.cpu.shares", $"{shares} is out of range (2..262144)");
            if (cpu.Quota is long quota && quota != -1 && quota is < 1000 and not 0)
                v.Error($"{R}.cpu.quota", $"{quota} is not a CPU quota (must be -1 for unlimited or >= 1000 microseconds)");
            if (cpu.Period is ulong period && period != 0 && period is < 1000 or > 1_000_000)
                v.Error($"{R}.cpu.period", $"{period} is out of range (1000..1000000 microseconds)");
            if (cpu.Cpus is { Length: > 0 } cpus) ProcessRules.CpuList(v, $"{R}.cpu.cpus", cpus);
            if (cpu.Mems is { Length: > 0 } mems && !ListSyntax.IsCpuList(mems))
                v.Error($"{R}.cpu.mems", $"{Validator.Q(mems)} is not a memory node list (expected e.g. \"0-1,3\")");
            if (cpu.Idle is long idle) v.InRange($"{R}.cpu.idle", idle, 0, 1);
        }

        if (res.Pids?.Limit is long pids && pids < -1)
            v.Error($"{R}.pids.limit", $"{pids} is not a pids limit (must be -1 for unlimited or >= 0)");

        if (res.BlockIO is { } bio)
        {
            Weight(v, $"{R}.blockIO.weight", bio.Weight);
            Weight(v, $"{R}.blockIO.leafWeight", bio.LeafWeight);
            v.Each(bio.WeightDevice, $"{R}.blockIO.weightDevice", (d, p) =>
            {
                DeviceNumbers(v, p, d.Major, d.Minor);
                Weight(v, $"{p}.weight", d.Weight);
                Weight(v, $"{p}.leafWeight", d.LeafWeight);
            });
            foreach ((string name, List<LinuxThrottleDevice>? list) in new[]
                     {
                         ("throttleReadBpsDevice", bio.ThrottleReadBpsDevice), ("throttleWriteBpsDevice", bio.ThrottleWriteBpsDevice),
                         ("throttleReadIOPSDevice", bio.ThrottleReadIopsDevice), ("throttleWriteIOPSDevice", bio.ThrottleWriteIopsDevice),
                     })
                v.Each(list, $"{R}.blockIO.{name}", (d, p) => DeviceNumbers(v, p, d.Major, d.Minor));
        }

        v.Each(res.HugepageLimits, $"{R}.hugepageLimits", (h, p) =>
        {
            if (h.PageSize is null || !PageSize().IsMatch(h.PageSize))
                v.Error($"{p}.pageSize", $"{Validator.Q(h.PageSize)} is not a page size (expected e.g. \"2MB\" or \"1GB\")");
        });

        v.Each(res.Devices, $"{R}.devices", (d, p) =>
        {
            if (d.Type is not null and not "a" and not "c" and not "b")
                v.Error($"{p}.type", $"{Validator.Q(d.Type)} is not a device cgroup type (expected one of: a, c, b)");
            if (d.Access is not null && !IsAccess(d.Access))
                v.Error($"{p}.access", $"{Validator.Q(d.Access)} is not an access mode (expected a combination of r, w, m)");
            if (d.Major is long major && major < -1) v.Error($"{p}.major", $"{major} is not a device number (-1 or null for any)");
            if (d.Minor is long minor && minor < -1) v.Error($"{p}.minor", $"{minor} is not a device number (-1 or null for any)");
        });

        if (res.Network?.Priorities is { } prios)
            v.Each(prios, $"{R}.network.priorities", (n, p) =>
            {
                if (!ListSyntax.IsInterfaceName(n.Name)) v.Error($"{p}.name", $"{Validator.Q(n.Name)} is not an interface name");
            });

        if (res.Unified is not null)
            foreach (string key in res.Unified.Keys)
                if (!UnifiedKey().IsMatch(key))
                    v.Error(Validator.Key($"{R}.unified", key), $"{Validator.Q(key)} is not a cgroup v2 file name (expected \"controller.file\")");
    }

    static void Bytes(Validator v, string path, long? value, string what)
    {
        if (value is long n && n < -1) v.Error(path, $"{n} is not a {what} (must be -1 for unlimited or >= 0)");
    }

    static void Weight(Validator v, string path, ushort? weight)
    {
        if (weight is ushort w && w is < 10 or > 1000) v.Error(path, $"{w} is out of range (10..1000)");
    }

    static void DeviceNumbers(Validator v, string path, long major, long minor)
    {
        if (major < 0) v.Error($"{path}.major", $"{major} is not a device number (must be >= 0)");
        if (minor < 0) v.Error($"{path}.minor", $"{minor} is not a device number (must be >= 0)");
    }

    static bool IsAccess(string access)
        => access.Length is > 0 and <= 3 && access.All(c => c is 'r' or 'w' or 'm') && access.Distinct().Count() == access.Length;

    [GeneratedRegex(@"^[1-9][0-9]*(KB|MB|GB|TB|PB)$")]
    private static partial Regex PageSize();

    [GeneratedRegex(@"^[a-z0-9_]+\.[a-z0-9_.]+$")]
    private static partial Regex UnifiedKey();
}
