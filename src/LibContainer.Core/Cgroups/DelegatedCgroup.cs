using LibContainer.Interop;

namespace LibContainer.Cgroups;

/// <summary>Where a rootless container's cgroup may go: below the caller's own cgroup2 cgroup when that directory and its
/// cgroup.procs are writable by the caller (a delegated subtree, as systemd's user@.service or an administrator's chown
/// makes). cgroup v1 is never delegated to a user.</summary>
public static class DelegatedCgroup
{
    /// <summary>The cgroup2-only host view and the delegated cgroup's path in it, or null when nothing is delegated.</summary>
    public static (CgroupHost Host, string Path)? Find(CgroupHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Unified is not { } unified || !host.OwnCgroups.TryGetValue("", out var own)) return null;
        string dir = System.IO.Path.Join(unified.MountPoint, own);
        if (!RuntimeSys.MayWrite(dir) || !RuntimeSys.MayWrite(System.IO.Path.Join(dir, "cgroup.procs"))) return null;
        return (host.Mode == CgroupMode.V2 ? host : host.UnifiedOnly(), own);
    }

    /// <summary>The host view a recorded cgroup was made in: cgroup2 only when the record holds nothing else.</summary>
    public static CgroupHost HostFor(IReadOnlyDictionary<string, string>? recordedPaths, CgroupHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Mode == CgroupMode.Hybrid && recordedPaths is { Count: 1 } p && p.ContainsKey(CgroupManager.UnifiedKey) ? host.UnifiedOnly() : host;
    }
}
