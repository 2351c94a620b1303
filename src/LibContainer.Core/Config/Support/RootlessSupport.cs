using System.Globalization;
using LibContainer.Network;

namespace LibContainer.Config;

/// <summary>What a rootless container cannot have, each refused at create with its JSON path and why: the kernel lets a
/// user namespace's root do only what touches objects that namespace owns (docs/rootless.md).</summary>
public static class RootlessSupport
{
    /// <summary><paramref name="cgroupUsable"/>: a delegated cgroup2 subtree holds the container; <paramref name="cgroupsDisabled"/>:
    /// --cgroup-manager disabled (linux.cgroupsPath is then not used at all).</summary>
    public static IReadOnlyList<ConfigError> Refusals(Spec spec, RootlessCaller caller, bool cgroupUsable, bool cgroupsDisabled = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(caller);
        var errors = new List<ConfigError>();
        var namespaces = spec.Linux?.Namespaces ?? [];
        var user = namespaces.FirstOrDefault(n => n.Type == "user");
        if (user is null)
            errors.Add(new("linux.namespaces", "a rootless container needs a user namespace: add {\"type\": \"user\"} with linux.uidMappings "
                + "and linux.gidMappings (`nsinit spec --rootless` writes them)"));
        else if (string.IsNullOrEmpty(user.Path))
        {
            Mappings(errors, "linux.uidMappings", spec.Linux?.UidMappings, caller, caller.Uid, caller.SubUids, caller.NewUidMap, "uid", SubordinateIds.SubUidFile);
            Mappings(errors, "linux.gidMappings", spec.Linux?.GidMappings, caller, caller.Gid, caller.SubGids, caller.NewGidMap, "gid", SubordinateIds.SubGidFile);
            if (caller.DeniesSetgroups(spec) && spec.Process?.User?.AdditionalGids is { Count: > 0 })
                errors.Add(new("process.user.additionalGids", "setgroups is denied in this user namespace (its gid mapping is written without "
                    + "newgidmap, which needs \"deny\" in /proc/PID/setgroups): map gids through /etc/subgid ranges instead"));
        }
        if (!cgroupUsable) CgroupRefusals(errors, spec, caller, cgroupsDisabled);
        if (spec.Linux?.Sysctl is { } sysctls)
            foreach (var key in sysctls.Keys)
                if (OciNames.SysctlNamespace(key) is { } ns && !namespaces.Any(n => n.Type == ns && string.IsNullOrEmpty(n.Path)))
                    errors.Add(new(Validation.Validator.Key("linux.sysctl", key), $"a rootless container may set only sysctls of namespaces it "
                        + $"creates, and linux.namespaces has no new {Validation.Validator.Q(ns)} namespace (the host's belongs to root)"));
        if (SpecNetworks.GetNetworks(spec).Any(n => n.Type != NetworkTypes.Loopback))
            errors.Add(new(Validation.Validator.Key("annotations", NetworkAnnotations.Networks), "veth and bridge networks are root-only: "
                + "their host side needs CAP_NET_ADMIN in the host's network namespace (a rootless container gets loopback in a new network namespace)"));
        if (spec.Linux?.NetDevices is { Count: > 0 })
            errors.Add(new("linux.netDevices", "moving a host network device into the container needs CAP_NET_ADMIN in the host's network namespace (root-only)"));
        return errors;
    }

    private static void Mappings(List<ConfigError> errors, string path, List<IdMapping>? maps, RootlessCaller caller, uint own,
        IReadOnlyList<SubordinateRange> delegated, string? helper, string kind, string file)
    {
        if (maps is not { Count: > 0 } || caller.WritesDirectly(maps, own)) return;
        if (helper is null)
        {
            errors.Add(new(path, $"mapping more than your own {kind} ({own}) needs new{kind}map (Debian package uidmap), which is not installed"));
            return;
        }
        for (int i = 0; i < maps.Count; i++)
        {
            var m = maps[i];
            if (m.HostId == own && m.Size == 1 || delegated.Any(r => r.Covers(m.HostId, m.Size))) continue;
            errors.Add(new($"{path}[{i}]", $"host {kind}s {m.HostId}-{(ulong)m.HostId + m.Size - 1} are not delegated to "
                + $"{(caller.UserName is { } n ? $"user {n} " : "")}({kind} {own}) in {file}"));
        }
    }

    private static void CgroupRefusals(List<ConfigError> errors, Spec spec, RootlessCaller caller, bool cgroupsDisabled)
    {
        string why = $"needs a cgroup, and this rootless container has none (no cgroup2 subtree delegated to uid {caller.Uid})";
        if (spec.Linux?.CgroupsPath is { Length: > 0 } && !cgroupsDisabled)
            errors.Add(new("linux.cgroupsPath", why + ": leave it out, or give --cgroup-manager disabled"));
        if (spec.Linux?.Resources is not { } r) return;
        if (r.Devices is { } devices)
            for (int i = 0; i < devices.Count; i++)
                if (devices[i].Allow)
                    errors.Add(new($"linux.resources.devices[{i}]", why + " (deny rules are in force anyway: a user namespace cannot make device nodes)"));
        (string Name, bool Set)[] fields =
        [
            ("memory", r.Memory is not null), ("cpu", r.Cpu is not null), ("pids", r.Pids is not null), ("blockIO", r.BlockIO is not null),
            ("hugepageLimits", r.HugepageLimits is { Count: > 0 }), ("network", r.Network is not null), ("rdma", r.Rdma is { Count: > 0 }),
            ("unified", r.Unified is { Count: > 0 }),
        ];
        foreach (var (name, set) in fields)
            if (set) errors.Add(new($"linux.resources.{name}", why));
    }
}
