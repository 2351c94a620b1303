using LibContainer.Cgroups;
using LibContainer.Config;
using LibContainer.Interop;
using LibContainer.Runtime.Init;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Rootfs;

/// <summary>The OCI "cgroup" mount on any host layout. Pure v2: one cgroup2 mount. v1 or hybrid (this host): a tmpfs
/// holding one mount per host hierarchy (plus the co-mount symlinks), like runc. In a cgroup namespace each is a
/// fresh cgroupfs mount (it shows the namespace root); without one, the container's own cgroup directory is bound.</summary>
internal static class CgroupMount
{
    /// <summary>One host hierarchy; <paramref name="Own"/>: the runtime's own cgroup in it (from /proc/self/cgroup).</summary>
    internal sealed record Hierarchy(string MountPoint, string FsType, string Options, string? Own = null);

    public static void Mount(InitPlan plan, Mount m, ParsedMountOptions opts)
    {
        var hierarchies = plan.HostCgroupMounts ?? ReadHostHierarchies("/proc/self/mountinfo");
        ulong subFlags = opts.Flags & MountOptions.CgroupMountFlags;
        int fd = InRoot.OpenOrCreate(plan.RootFd, m.Destination, lastIsFile: false);
        try
        {
            string target = InRoot.ProcFdPath(fd);
            var unifiedRoot = hierarchies.FirstOrDefault(h => h.MountPoint == "/sys/fs/cgroup" && h.FsType == "cgroup2");
            if (unifiedRoot is not null)
            {
                MountHierarchy(plan, unifiedRoot, target, subFlags, m.Destination, m.Destination);
                return;
            }
            RuntimeSys.Mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755", m.Destination);
            foreach (var h in hierarchies.Where(h => h.MountPoint.StartsWith("/sys/fs/cgroup/", StringComparison.Ordinal)))
            {
                string name = h.MountPoint.Substring("/sys/fs/cgroup/".Length);
                if (name.Contains('/')) continue;
                int sub = InRoot.OpenOrCreate(plan.RootFd, m.Destination + "/" + name, lastIsFile: false);
                try { MountHierarchy(plan, h, InRoot.ProcFdPath(sub), subFlags, m.Destination + "/" + name, m.Destination + "/" + name); }
                finally { RuntimeSys.Close(sub); }
                if (name.Contains(','))
                    foreach (var part in name.Split(','))
                        Symlink(plan.RootFd, m.Destination + "/" + part, name);
            }
            if ((opts.Flags & MS_RDONLY) != 0)
                MountSetup.OnNewMount(plan, m.Destination, t =>
                    RuntimeSys.Mount(null, t, null, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755", m.Destination));
        }
        finally { RuntimeSys.Close(fd); }
    }

    private static void MountHierarchy(InitPlan plan, Hierarchy h, string target, ulong flags, string destination, string shown)
    {
        // cgroup v1 cannot be mounted in a user namespace: an unprivileged runtime binds its own cgroup instead (as runc).
        if (plan.NewCgroupNamespace && (h.FsType == "cgroup2" || !plan.Unprivileged))
        {
            string data = h.FsType == "cgroup2" ? "" : string.Join(',', h.Options.Split(',').Where(o => o is not ("rw" or "ro")));
            RuntimeSys.Mount("cgroup", target, h.FsType, flags, data, shown);
            return;
        }
        string source = h.MountPoint;
        if (plan.CgroupPath is { Length: > 0 } cg && RuntimeSys.Exists(h.MountPoint + cg)) source = h.MountPoint + cg;
        else if (plan.Unprivileged && h.Own is { Length: > 1 } own) source = h.MountPoint + own;
        RuntimeSys.Mount(source, target, null, MS_BIND | MS_REC, null, shown);
        MountSetup.OnNewMount(plan, destination, t => BindRemount.Apply(t, flags, shown));
    }

    private static unsafe void Symlink(int rootFd, string linkPath, string target)
    {
        string dir = linkPath.Substring(0, linkPath.LastIndexOf('/'));
        string name = linkPath.Substring(linkPath.LastIndexOf('/') + 1);
        int dirFd = InRoot.OpenOrCreate(rootFd, dir, lastIsFile: false);
        try
        {
            fixed (byte* t = RuntimeSys.Z(target))
            fixed (byte* n = RuntimeSys.Z(name))
                if (LibC.symlinkat(t, dirFd, n) < 0 && RuntimeSys.Errno != LibContainer.Errno.EEXIST)
                    throw SyscallException.FromLastError("symlink", linkPath);
        }
        finally { RuntimeSys.Close(dirFd); }
    }

    /// <summary>The hierarchies the parent already read (CgroupHost), so init does not parse mountinfo again; null when
    /// the host has none.</summary>
    internal static List<Hierarchy>? FromHost()
    {
        CgroupHost host;
        try { host = CgroupHost.Current; }
        catch (ContainerException) { return null; }
        var result = new List<Hierarchy>();
        if (host.Unified is { } u) result.Add(new Hierarchy(u.MountPoint, "cgroup2", u.SuperOptions, host.OwnCgroups.GetValueOrDefault("")));
        foreach (var h in host.V1Hierarchies)
            result.Add(new Hierarchy(h.MountPoint, "cgroup", h.SuperOptions, host.OwnCgroups.GetValueOrDefault(h.Controllers[0])));
        return result;
    }

    /// <summary>cgroup and cgroup2 mounts of the host: mount point, type and super options (the controllers).</summary>
    internal static List<Hierarchy> ReadHostHierarchies(string mountinfoPath)
    {
        var result = new List<Hierarchy>();
        foreach (var line in File.ReadAllLines(mountinfoPath))
        {
            int dash = line.IndexOf(" - ", StringComparison.Ordinal);
            if (dash < 0) continue;
            var left = line.Substring(0, dash).Split(' ');
            var right = line.Substring(dash + 3).Split(' ');
            if (left.Length < 5 || right.Length < 3) continue;
            if (right[0] is not ("cgroup" or "cgroup2")) continue;
            result.Add(new Hierarchy(Unescape(left[4]), right[0], right[2]));
        }
        return result;
    }

    private static string Unescape(string s) => s.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
