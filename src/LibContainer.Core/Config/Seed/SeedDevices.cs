namespace LibContainer.Config;

/// <summary>The seed's devices (mount_config.device_nodes, cgroups.allowed_devices) and cgroup settings.</summary>
internal static class SeedDevices
{
    /// <summary>A device rune as the seed wrote it: a number (99 'c', 98 'b', 117 'u', 112 'p') or a string.</summary>
    static string? DeviceType(SeedObject d, bool allowAll)
    {
        if (d.Get("type") is not { } t) return null;
        if (t.ValueKind == System.Text.Json.JsonValueKind.String) return d.Str("type");
        long? n = d.Long("type");
        string? type = n switch { 99 => "c", 98 => "b", 117 => "u", 112 => "p", 97 when allowAll => "a", _ => null };
        if (type is null && n is not null)
            d.Error("type", $"{n} is not a device type (expected 99 'c', 98 'b', 117 'u' or 112 'p')");
        return type;
    }

    /// <summary>A device node to create (mount_config.device_nodes).</summary>
    public static LinuxDevice Node(SeedObject d)
    {
        long? mode = d.Long("file_mode");
        var dev = new LinuxDevice
        {
            Type = DeviceType(d, allowAll: false) ?? "",
            Path = d.Str("path") ?? "",
            Major = d.Long("major_number") ?? 0,
            Minor = d.Long("minor_number") ?? 0,
            // Go's os.FileMode, written in decimal; only the permission bits mean anything for mknod.
            FileMode = mode is long m ? (uint)(m & 0xFFF) : null,
            Uid = d.Has("uid") ? SeedConfigReader.UInt(d, "uid") : null,
            Gid = d.Has("gid") ? SeedConfigReader.UInt(d, "gid") : null,
        };
        d.Get("cgroup_permissions"); // the node's cgroup rule is in cgroups.allowed_devices
        KeepUnread(d, dev);
        return dev;
    }

    /// <summary>A device cgroup allow rule (cgroups.allowed_devices); -1 is the seed's wildcard (null in OCI).</summary>
    static LinuxDeviceCgroup Rule(SeedObject d)
    {
        d.Get("path");
        d.Get("file_mode");
        d.Get("uid");
        d.Get("gid");
        long major = d.Long("major_number") ?? 0, minor = d.Long("minor_number") ?? 0;
        var rule = new LinuxDeviceCgroup
        {
            Allow = true,
            Type = DeviceType(d, allowAll: true) ?? "a",
            Major = major == -1 ? null : major,
            Minor = minor == -1 ? null : minor,
            Access = SeedConfigReader.NullIfEmpty(d.Str("cgroup_permissions")) ?? "rwm",
        };
        KeepUnread(d, rule);
        return rule;
    }

    static void KeepUnread(SeedObject d, JsonObjectBase target)
    {
        foreach ((string name, System.Text.Json.JsonElement value) in d.Unread())
            (target.ExtensionData ??= [])[name] = value.Clone();
    }

    public static void Cgroups(SeedObject cg, Spec spec)
    {
        Linux linux = spec.Linux!;
        var res = new LinuxResources();

        string? name = SeedConfigReader.NullIfEmpty(cg.Str("name"));
        string? parent = SeedConfigReader.NullIfEmpty(cg.Str("parent"));
        string? slice = SeedConfigReader.NullIfEmpty(cg.Str("slice"));
        if (slice is not null)
            linux.CgroupsPath = $"{slice}:{parent ?? "libcontainer"}:{name ?? "container"}";
        else if (name is not null)
            linux.CgroupsPath = parent is null ? $"/{name}" : $"/{parent.Trim('/')}/{name}";

        if (cg.Bool("allow_all_devices"))
            res.Devices = [new LinuxDeviceCgroup { Allow = true, Access = "rwm" }];
        else if (cg.Has("allowed_devices"))
        {
            res.Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }];
            foreach (SeedObject d in cg.Objects("allowed_devices")) res.Devices.Add(Rule(d));
        }

        long? memory = cg.Long("memory"), reservation = cg.Long("memory_reservation"), swap = cg.Long("memory_swap");
        if (memory is > 0 || reservation is > 0 || swap is not (null or 0))
        {
            res.Memory = new LinuxMemory
            {
                Limit = memory is > 0 or -1 ? memory : null,
                Reservation = reservation is > 0 ? reservation : null,
                // The seed: memory_swap 0 with a memory limit means twice the memory (memory plus as much swap).
                Swap = swap is null or 0 ? (memory is > 0 and < long.MaxValue / 2 ? memory * 2 : null) : swap,
            };
        }

        long? shares = cg.Long("cpu_shares"), quota = cg.Long("cpu_quota"), period = cg.Long("cpu_period");
        string? cpus = SeedConfigReader.NullIfEmpty(cg.Str("cpuset_cpus")), mems = SeedConfigReader.NullIfEmpty(cg.Str("cpuset_mems"));
        if (shares is not (null or 0) || quota is not (null or 0) || period is not (null or 0) || cpus is not null || mems is not null)
        {
            res.Cpu = new LinuxCpu
            {
                Shares = shares is > 0 ? (ulong)shares : null,
                Quota = quota is null or 0 ? null : quota,
                Period = period is > 0 ? (ulong)period : null,
                Cpus = cpus,
                Mems = mems,
            };
            if (shares < 0) cg.Error("cpu_shares", $"{shares} is not a CPU share (must be >= 0)");
            if (period < 0) cg.Error("cpu_period", $"{period} is not a CPU period (must be >= 0)");
        }

        if (cg.Long("blkio_weight") is long weight and not 0)
        {
            if (weight is >= 0 and <= ushort.MaxValue) res.BlockIO = new LinuxBlockIo { Weight = (ushort)weight };
            else cg.Error("blkio_weight", $"{weight} is out of range (10..1000)");
        }

        if (cg.Long("pids_limit") is long pids and not 0) res.Pids = new LinuxPids { Limit = pids };

        if (SeedConfigReader.NullIfEmpty(cg.Str("freezer")) is { } freezer)
            SeedConfigReader.Annotate(spec, "cgroups.freezer", freezer);

        SeedConfigReader.KeepUnread(spec, cg, "cgroups.");
        if (res.Devices is not null || res.Memory is not null || res.Cpu is not null || res.BlockIO is not null || res.Pids is not null)
            linux.Resources = res;
    }
}
