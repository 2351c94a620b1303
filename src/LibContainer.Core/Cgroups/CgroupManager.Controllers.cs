using LibContainer.Interop;

namespace LibContainer.Cgroups;

/// <summary>cgroup2 controllers the runtime turns on above a container (a resource with no v1 hierarchy on a hybrid
/// host, e.g. hugetlb) and gives back: a directory where it wrote "+X" into cgroup.subtree_control is marked
/// (trusted.libcontainer.enabled), the container's own directory says it needs X (trusted.libcontainer.needs), and
/// when a container's directory goes, each marked directory above it writes "-X" once no cgroup below still needs X.
/// So a hugetlb limit no longer leaves "+hugetlb" in the root's subtree_control (which blocks mounting hugetlb as v1).</summary>
internal sealed partial class CgroupManager
{
    internal static readonly string EnabledXattr = XattrPrefix + "libcontainer.enabled";
    internal static readonly string NeedsXattr = XattrPrefix + "libcontainer.needs";

    /// <summary>Writes "+controller" into cgroup.subtree_control from the hierarchy root down to the container's parent,
    /// marking where it did, and marks the container's directory as needing it.</summary>
    internal void EnableV2Controller(CgroupHierarchy u, string controller)
    {
        var dir = u.MountPoint;
        foreach (var segment in Path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var control = System.IO.Path.Combine(dir, "cgroup.subtree_control");
            var enabled = (CgroupFile.TryReadLine(control) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!enabled.Contains(controller))
            {
                CgroupFile.Write(control, "+" + controller);
                AddToMarker(dir, EnabledXattr, controller);
            }
            dir = System.IO.Path.Combine(dir, segment);
        }
        AddToMarker(dir, NeedsXattr, controller);
    }

    /// <summary>After <paramref name="removedDir"/> is gone: from its parent up to the root, turns off each controller
    /// this runtime enabled that no cgroup below still needs (best effort: a busy controller stays, and stays marked).</summary>
    private static void GiveBackControllers(CgroupHierarchy h, string removedDir)
    {
        for (var dir = System.IO.Path.GetDirectoryName(removedDir);
             dir is not null && dir.StartsWith(h.MountPoint, StringComparison.Ordinal);
             dir = System.IO.Path.GetDirectoryName(dir))
        {
            var enabled = Markers(dir, EnabledXattr);
            if (enabled.Count > 0 && Directory.Exists(dir))
            {
                var needed = NeededBelow(dir);
                var keep = enabled.Where(c => needed.Contains(c)
                    || CgroupFile.TryWrite(System.IO.Path.Combine(dir, "cgroup.subtree_control"), "-" + c) != 0).ToList();
                if (keep.Count == 0) CgroupNative.RemoveXattr(dir, EnabledXattr);
                else CgroupFile.SetMarker(dir, EnabledXattr, string.Join(' ', keep));
            }
            if (dir.Length <= h.MountPoint.Length) break;
        }
    }

    private static HashSet<string> NeededBelow(string dir)
    {
        var needed = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var sub in Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories))
                needed.UnionWith(Markers(sub, NeedsXattr));
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return needed;
    }

    private static List<string> Markers(string dir, string name) =>
        (CgroupFile.GetMarker(dir, name) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static void AddToMarker(string dir, string name, string controller)
    {
        var list = Markers(dir, name);
        if (!list.Contains(controller)) list.Add(controller);
        CgroupFile.SetMarker(dir, name, string.Join(' ', list));
    }
}
