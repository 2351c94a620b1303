namespace LibContainer.Config.Validation;

/// <summary>linux.*: devices, rootfs propagation, masked/readonly paths, personality, cgroupsPath, net devices,
/// memory policy, Intel RDT.</summary>
internal static class LinuxRules
{
    public static void Check(Validator v)
    {
        if (v.Spec.Linux is not { } linux) return;

        var paths = new HashSet<string>(StringComparer.Ordinal);
        v.Each(linux.Devices, "linux.devices", (d, p) =>
        {
            v.OneOf($"{p}.type", d.Type, ["c", "b", "u", "p"], "a device type");
            if (d.Path is null || !d.Path.StartsWith("/dev/", StringComparison.Ordinal) || d.Path.Length == 5
                || d.Path.Split('/').Contains(".."))
                v.Error($"{p}.path", $"{Validator.Q(d.Path)} is not an absolute path under /dev");
            else if (!paths.Add(d.Path))
                v.Error($"{p}.path", $"{Validator.Q(d.Path)} is listed more than once");
            if (d.Type is "c" or "b" or "u")
            {
                if (d.Major is null) v.Error($"{p}.major", $"is required for a {Validator.Q(d.Type)} device");
                if (d.Minor is null) v.Error($"{p}.minor", $"is required for a {Validator.Q(d.Type)} device");
            }
            if (d.Major is long major && major < 0) v.Error($"{p}.major", $"{major} is not a device number (must be >= 0)");
            if (d.Minor is long minor && minor < 0) v.Error($"{p}.minor", $"{minor} is not a device number (must be >= 0)");
            if (d.FileMode is uint mode && mode > 0xFFF)
                v.Error($"{p}.fileMode", $"{mode} is not a permission mode (0..4095, i.e. 07777)");
        });

        if (linux.RootfsPropagation is { Length: > 0 } prop)
            v.OneOf("linux.rootfsPropagation", prop, Rootfs.MountOptions.PropagationNames, "a mount propagation");

        v.AbsoluteList("linux.maskedPaths", linux.MaskedPaths);
        v.AbsoluteList("linux.readonlyPaths", linux.ReadonlyPaths);

        if (linux.Personality is { } pers)
            v.OneOf("linux.personality.domain", pers.Domain, OciNames.PersonalityDomains, "a personality domain");

        if (linux.CgroupsPath is { Length: > 0 } cg) CgroupsPath(v, cg);

        if (linux.NetDevices is not null)
            foreach ((string host, LinuxNetDevice? dev) in linux.NetDevices)
            {
                string p = Validator.Key("linux.netDevices", host);
                if (!ListSyntax.IsInterfaceName(host)) v.Error(p, $"{Validator.Q(host)} is not an interface name");
                if (dev?.Name is { } name && !ListSyntax.IsInterfaceName(name))
                    v.Error($"{p}.name", $"{Validator.Q(name)} is not an interface name");
                if (!v.HasNamespace("network"))
                    v.Error(p, $"moving a device needs a network namespace ({Validator.NoNamespace("network")})");
            }

        if (linux.MemoryPolicy is { } mp)
        {
            v.OneOf("linux.memoryPolicy.mode", mp.Mode, OciNames.MemoryPolicyModes, "a memory policy mode");
            if (mp.Nodes is { Length: > 0 } nodes && !ListSyntax.IsCpuList(nodes))
                v.Error("linux.memoryPolicy.nodes", $"{Validator.Q(nodes)} is not a node list (expected e.g. \"0-3,5\")");
            if (mp.Flags is { } flags)
                for (int i = 0; i < flags.Count; i++)
                    v.OneOf($"linux.memoryPolicy.flags[{i}]", flags[i], OciNames.MemoryPolicyFlags, "a memory policy flag");
        }

        if (linux.IntelRdt?.ClosId is { } clos && (clos.Length == 0 || clos.Contains('/') || clos is "." or ".."))
            v.Error("linux.intelRdt.closID", $"{Validator.Q(clos)} is not a resctrl group name");
    }

    /// <summary>"/a/b" or "a/b" (cgroupfs) or "slice:prefix:name" (systemd; slice may be empty).</summary>
    static void CgroupsPath(Validator v, string path)
    {
        const string p = "linux.cgroupsPath";
        if (path.Contains('\0')) { v.Error(p, $"{Validator.Q(path)} is not a path"); return; }
        if (path.Contains(':'))
        {
            string[] parts = path.Split(':');
            if (parts.Length != 3 || parts[2].Length == 0 || parts[1].Length == 0)
                v.Error(p, $"{Validator.Q(path)} is not a systemd cgroup path (expected \"slice:prefix:name\")");
            else if (parts[0].Length > 0 && (!parts[0].EndsWith(".slice", StringComparison.Ordinal) || parts[0].Contains('/')))
                v.Error(p, $"{Validator.Q(parts[0])} is not a systemd slice (expected a name ending in \".slice\")");
            else if (parts[1].Contains('/') || parts[2].Contains('/'))
                v.Error(p, $"{Validator.Q(path)} is not a systemd cgroup path (prefix and name cannot contain '/')");
            return;
        }
        if (path.Split('/').Contains(".."))
            v.Error(p, $"{Validator.Q(path)} must not contain \"..\" components");
    }
}
