using LibContainer.Config;

namespace LibContainer.Cgroups;

/// <summary>
/// The device cgroup rules a container gets at create on top of linux.resources.devices, as runc and crun add them:
/// mknod of anything, the default device nodes (null, zero, full, random, urandom, tty), ptys (/dev/pts/*, ptmx),
/// and every node listed in linux.devices. Without them the usual `{"allow": false, "access": "rwm"}` makes even
/// /dev/null unusable.
/// </summary>
public static class DefaultDeviceRules
{
    private static readonly (string Type, long? Major, long? Minor, string Access)[] Defaults =
    {
        ("c", null, null, "m"), ("b", null, null, "m"),
        ("c", 1, 3, "rwm"), ("c", 1, 5, "rwm"), ("c", 1, 7, "rwm"), ("c", 1, 8, "rwm"), ("c", 1, 9, "rwm"),
        ("c", 5, 0, "rwm"), ("c", 5, 1, "rwm"), ("c", 5, 2, "rwm"), ("c", 136, null, "rwm"),
    };

    /// <summary>The resources to apply at create: the config's own device rules first, then the defaults (later
    /// rules win in both the v1 list and the v2 program). Returns the config's object when it sets no device rules.</summary>
    public static LinuxResources? WithDefaults(Spec spec)
    {
        var resources = spec.Linux?.Resources;
        if (resources?.Devices is not { Count: > 0 } configured) return resources;

        var rules = new List<LinuxDeviceCgroup>(configured);
        foreach (var (type, major, minor, access) in Defaults)
            rules.Add(new LinuxDeviceCgroup { Allow = true, Type = type, Major = major, Minor = minor, Access = access });
        foreach (var d in spec.Linux?.Devices ?? new())
            if (d.Type is "c" or "b" or "u")
                rules.Add(new LinuxDeviceCgroup { Allow = true, Type = d.Type == "u" ? "c" : d.Type, Major = d.Major, Minor = d.Minor, Access = "rwm" });

        return new LinuxResources
        {
            Devices = rules, Memory = resources.Memory, Cpu = resources.Cpu, Pids = resources.Pids, BlockIO = resources.BlockIO,
            HugepageLimits = resources.HugepageLimits, Network = resources.Network, Rdma = resources.Rdma, Unified = resources.Unified,
            ExtensionData = resources.ExtensionData,
        };
    }
}
