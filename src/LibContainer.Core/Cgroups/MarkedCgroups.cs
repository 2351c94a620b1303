using System.Globalization;

namespace LibContainer.Cgroups;

/// <summary>A container's cgroup found by its owner marker: the id, the path from the hierarchy roots, the state root
/// and init (pid, start time) of the runtime that made it (null / 0 when made by a runtime that did not write them).</summary>
public sealed record MarkedCgroup(string Id, string Path, string? StateRoot, int InitPid, ulong InitStartTime);

/// <summary>Finds the cgroups this runtime made, on every hierarchy, by their owner markers (never by name): the
/// ground truth when a container's state directory is lost (docs/recovery.md). A directory without the marker is
/// only walked through; one named on the host's deny-list is not even entered.</summary>
public static class MarkedCgroups
{
    private const int MaxDepth = 32;

    public static IReadOnlyList<MarkedCgroup> Find() => Find(CgroupHost.Current);

    public static IReadOnlyList<MarkedCgroup> Find(CgroupHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var found = new Dictionary<(string Id, string Path), MarkedCgroup>();
        var roots = host.V1Hierarchies.Select(h => h.MountPoint).ToList();
        if (host.Unified is { } u) roots.Add(u.MountPoint);
        foreach (var root in roots.Distinct(StringComparer.Ordinal)) Walk(root, root, 0, found);
        return found.Values.OrderBy(m => m.Id, StringComparer.Ordinal).ThenBy(m => m.Path, StringComparer.Ordinal).ToList();
    }

    private static void Walk(string mountPoint, string dir, int depth, Dictionary<(string, string), MarkedCgroup> found)
    {
        IEnumerable<string> children;
        try { children = Directory.EnumerateDirectories(dir).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (var child in children)
        {
            if (CgroupPlacement.IsDenied(System.IO.Path.GetFileName(child))) continue;
            if (CgroupFile.GetMarker(child, CgroupManager.OwnerXattr) is { Length: > 0 } id)
            {
                // The container's own subtree (nested cgroups it made) is its business: not walked.
                Merge(found, Read(id, child[mountPoint.TrimEnd('/').Length..], child));
                continue;
            }
            if (depth < MaxDepth) Walk(mountPoint, child, depth + 1, found);
        }
    }

    private static MarkedCgroup Read(string id, string path, string dir)
    {
        int pid = 0;
        ulong start = 0;
        if (CgroupFile.GetMarker(dir, CgroupManager.InitXattr)?.Split(' ') is [var p, var s])
        {
            _ = int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out pid);
            _ = ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out start);
        }
        return new MarkedCgroup(id, path, CgroupFile.GetMarker(dir, CgroupManager.StateXattr), pid, start);
    }

    // One container has a directory per hierarchy; a marker missing on one (an older runtime) is taken from another.
    private static void Merge(Dictionary<(string, string), MarkedCgroup> found, MarkedCgroup m)
    {
        if (!found.TryGetValue((m.Id, m.Path), out var known)) { found[(m.Id, m.Path)] = m; return; }
        found[(m.Id, m.Path)] = known with
        {
            StateRoot = known.StateRoot ?? m.StateRoot,
            InitPid = known.InitPid != 0 ? known.InitPid : m.InitPid,
            InitStartTime = known.InitPid != 0 ? known.InitStartTime : m.InitStartTime,
        };
    }
}
