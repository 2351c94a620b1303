using System.Globalization;
using LibContainer.Cgroups;

namespace LibContainer.Config;

// The cgroup part of the check: which hierarchy owns each controller a resource needs (v1 first, then cgroup2, as
// CgroupManager.Set chooses), the huge page sizes the kernel has, and the limits of the parent cgroups.
public static partial class HostCheck
{
    private static IEnumerable<HostFinding> ControllerFindings(LinuxResources r, CgroupHost host)
    {
        var needs = new List<(string Path, string V1, string? V2)>();
        if (r.Memory is { } m && CgroupManager.HasAny(m)) needs.Add(("linux.resources.memory", "memory", "memory"));
        if (r.Cpu is { } cpu && CgroupManager.HasAny(cpu)) needs.Add(("linux.resources.cpu", "cpu", "cpu"));
        if (!string.IsNullOrEmpty(r.Cpu?.Cpus) || !string.IsNullOrEmpty(r.Cpu?.Mems)) needs.Add(("linux.resources.cpu", "cpuset", "cpuset"));
        if (r.Pids?.Limit is not null) needs.Add(("linux.resources.pids", "pids", "pids"));
        if (r.BlockIO is { } bio && CgroupManager.HasAny(bio)) needs.Add(("linux.resources.blockIO", "blkio", "io"));
        if (r.HugepageLimits is { Count: > 0 }) needs.Add(("linux.resources.hugepageLimits", "hugetlb", "hugetlb"));
        if (r.Rdma is { Count: > 0 }) needs.Add(("linux.resources.rdma", "rdma", "rdma"));
        if (r.Network?.ClassId is not null) needs.Add(("linux.resources.network.classID", "net_cls", null));
        if (r.Network?.Priorities is { Count: > 0 }) needs.Add(("linux.resources.network.priorities", "net_prio", null));
        foreach (var (path, v1, v2) in needs)
            if (Owner(host, v1, v2) is null)
                yield return new(path, $"controller \"{v1}\" is not available: no v1 hierarchy is mounted for it"
                        + (v2 is null ? " (cgroup2 has none)" : host.Unified is null ? " and this host has no cgroup2 mount"
                            : $" and {host.Unified.MountPoint}/cgroup.controllers does not offer \"{v2}\""),
                    $"remove {path}, or mount the {v1} controller (a v1 hierarchy, or free it for cgroup2)", FindingSeverity.Error);
        if (r.HugepageLimits is { Count: > 0 } huge && Owner(host, "hugetlb", "hugetlb") is { } owner)
        {
            var sizes = HugePageSizes();
            for (int i = 0; i < huge.Count; i++)
            {
                string size = CgroupConversions.HugePageSizeName(huge[i].PageSize ?? "");
                if (!sizes.Contains(size))
                    yield return new($"linux.resources.hugepageLimits[{i}].pageSize",
                        $"huge page size {size} is not offered by this kernel (hugetlb controller: {owner}; page sizes: {(sizes.Count == 0 ? "none" : string.Join(", ", sizes))})",
                        sizes.Count == 0 ? "remove the limit" : $"use one of {string.Join(", ", sizes)}", FindingSeverity.Error);
            }
        }
        if (r.Unified is { Count: > 0 } && host.Unified is null)
            yield return new("linux.resources.unified", "this host has no cgroup2 mount", "remove linux.resources.unified, or mount cgroup2", FindingSeverity.Error);
    }

    /// <summary>Where a controller lives on this host ("cgroup v1 at /sys/fs/cgroup/hugetlb", "cgroup2 at …"), null:
    /// nowhere.</summary>
    public static string? Owner(CgroupHost host, string v1, string? v2)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.V1For(v1) is { } h) return $"cgroup v1 at {h.MountPoint}";
        return v2 is not null && host.V2Has(v2) ? $"cgroup2 at {host.Unified!.MountPoint}" : null;
    }

    // The kernel's huge page sizes in the cgroup files' spelling: hugepages-2048kB → 2MB.
    private static List<string> HugePageSizes()
    {
        var sizes = new List<string>();
        if (!Directory.Exists("/sys/kernel/mm/hugepages")) return sizes;
        foreach (var dir in Directory.EnumerateDirectories("/sys/kernel/mm/hugepages", "hugepages-*kB"))
        {
            var name = System.IO.Path.GetFileName(dir);
            if (!long.TryParse(name["hugepages-".Length..^2], NumberStyles.None, CultureInfo.InvariantCulture, out long kb)) continue;
            sizes.Add(kb >= 1 << 20 ? $"{kb >> 20}GB" : kb >= 1 << 10 ? $"{kb >> 10}MB" : $"{kb}KB");
        }
        sizes.Sort(StringComparer.Ordinal);
        return sizes;
    }

    /// <summary>Limits above what a parent cgroup allows: the container runs, but the parent's lower limit applies.</summary>
    private static IEnumerable<HostFinding> ParentLimits(Spec spec, string id, CgroupHost host)
    {
        if (spec.Linux?.Resources is not { } r) yield break;
        string path;
        try { path = CgroupPlacement.Resolve(spec.Linux.CgroupsPath, id, systemd: false, host); }
        catch (ContainerException) { yield break; } // create names it
        string parent = path.TrimEnd('/') is var p && p.LastIndexOf('/') is > 0 and var slash ? p[..slash] : "/";
        if (r.Memory?.Limit is > 0 and var mem
            && ParentLimit(host, "memory", host.V1For("memory") is null ? "memory.max" : "memory.limit_in_bytes", parent) is { } memParent
            && mem > memParent.Limit)
            yield return new("linux.resources.memory.limit", $"{mem} is above the parent cgroup's limit {memParent.Limit} ({memParent.Dir}): the parent's applies",
                $"lower it to {memParent.Limit} or less, or raise the parent's", FindingSeverity.Warning);
        if (r.Pids?.Limit is > 0 and var pids && ParentLimit(host, "pids", "pids.max", parent) is { } pidsParent && pids > pidsParent.Limit)
            yield return new("linux.resources.pids.limit", $"{pids} is above the parent cgroup's limit {pidsParent.Limit} ({pidsParent.Dir}): the parent's applies",
                $"lower it to {pidsParent.Limit} or less, or raise the parent's", FindingSeverity.Warning);
    }

    // The lowest limit of the existing cgroups from parent up to the hierarchy's root (null: none is limited).
    private static (long Limit, string Dir)? ParentLimit(CgroupHost host, string controller, string file, string parent)
    {
        string? mount = host.V1For(controller)?.MountPoint ?? (host.V2Has(controller) ? host.Unified!.MountPoint : null);
        if (mount is null) return null;
        (long, string)? lowest = null;
        for (string rel = parent; ; rel = rel.LastIndexOf('/') is > 0 and var i ? rel[..i] : "/")
        {
            string dir = System.IO.Path.Join(mount, rel);
            // v1 says "unlimited" with a huge page-aligned number; v2 with "max" (not a number).
            if (ReadNumber(System.IO.Path.Join(dir, file)) is { } n and < long.MaxValue / 2 && (lowest is null || n < lowest.Value.Item1))
                lowest = (n, dir);
            if (rel == "/") return lowest;
        }
    }
}
