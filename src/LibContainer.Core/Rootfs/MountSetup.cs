using LibContainer.Config;
using LibContainer.Interop;
using LibContainer.Runtime.Init;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Rootfs;

/// <summary>Init step "mounts": every OCI mount, its destination resolved and created inside the rootfs, then its
/// flags (bind remount), recursive attributes and propagation applied to the new mount.</summary>
internal static unsafe class MountSetup
{
    public static void MountAll(InitPlan plan)
    {
        if (plan.Spec.Mounts is null) return;
        for (int i = 0; i < plan.Spec.Mounts.Count; i++)
        {
            var m = plan.Spec.Mounts[i];
            var opts = MountOptions.Parse(m.Type, m.Options);
            if (m.Type is "cgroup" or "cgroup2") CgroupMount.Mount(plan, m, opts);
            else MountOne(plan, m, opts, plan.IdmappedTrees.GetValueOrDefault(i, -1));
            if (opts.HasAttributes) OnNewMountFd(plan, m.Destination, fd => SetAttributes(fd, opts, m.Destination));
            if (opts.Propagation != 0) OnNewMount(plan, m.Destination, t => RuntimeSys.Mount(null, t, null, opts.Propagation, null, m.Destination));
        }
    }

    private static void MountOne(InitPlan plan, Mount m, ParsedMountOptions opts, int idmappedTree)
    {
        string? source = m.Source;
        if (opts.Bind && source is { Length: > 0 } && !source.StartsWith('/')) source = Path.Combine(plan.Bundle, source);
        bool isFile = false;
        if (opts.Bind)
        {
            if (string.IsNullOrEmpty(source)) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"bind mount {m.Destination} has no source");
            uint? mode = RuntimeSys.StatMode(LibC.AT_FDCWD, source, nofollow: opts.SourceNoFollow);
            if (mode is null) throw SyscallException.FromLastError("stat", source, $"bind source of {m.Destination}");
            isFile = (mode.Value & S_IFMT) != S_IFDIR;
        }
        int fd = opts.DestinationNoFollow
            ? InRoot.OpenOrCreateNoFollow(plan.RootFd, m.Destination, isFile)
            : InRoot.OpenOrCreate(plan.RootFd, m.Destination, isFile);
        try
        {
            string target = InRoot.ProcFdPath(fd);
            if (opts.Bind)
            {
                if (idmappedTree >= 0) Attach(idmappedTree, fd, m.Destination);
                else if (opts.SourceNoFollow || opts.DestinationNoFollow) BindByFd(source!, fd, opts, m.Destination);
                else RuntimeSys.Mount(source, target, null, MS_BIND | (opts.Flags & (MS_REC | MS_SILENT)), null, m.Destination);
                if (opts.NeedsRemount) OnNewMount(plan, m.Destination, t => BindRemount.Apply(t, opts.Flags, m.Destination));
            }
            else
            {
                MountFilesystem(plan, m, opts, fd, target);
            }
        }
        finally { RuntimeSys.Close(fd); }
    }

    private static void MountFilesystem(InitPlan plan, Mount m, ParsedMountOptions opts, int fd, string target)
    {
        string type = m.Type ?? "none";
        string data = opts.Data;
        if (type == "devpts" && !data.Contains("newinstance")) data = data.Length == 0 ? "newinstance" : data + ",newinstance";
        // tmpcopyup: the fd opened before the mount still reads the covered directory afterwards.
        int covered = opts.TmpCopyUp ? OpenDirectory(fd, m.Destination) : -1;
        try
        {
            try
            {
                RuntimeSys.Mount(m.Source ?? type, target, type, opts.Flags, data, m.Destination);
            }
            catch (SyscallException e) when (type == "sysfs" && e.Errno == LibContainer.Errno.EPERM)
            {
                // sysfs cannot be mounted from a user namespace that does not own the net namespace: bind the host's.
                RuntimeSys.Mount("/sys", target, null, MS_BIND | MS_REC, null, m.Destination);
                OnNewMount(plan, m.Destination, t => BindRemount.Apply(t, opts.Flags | MS_RDONLY, m.Destination));
            }
            if (covered >= 0)
                OnNewMountFd(plan, m.Destination, tmp =>
                {
                    int dir = OpenDirectory(tmp, m.Destination);
                    bool rootGiven = data.Split(',').Any(d => d.StartsWith("mode=", StringComparison.Ordinal) || d.StartsWith("uid=", StringComparison.Ordinal) || d.StartsWith("gid=", StringComparison.Ordinal));
                    try { TreeCopy.CopyUp(covered, dir, m.Destination, copyRootOwnerAndMode: !rootGiven); }
                    finally { RuntimeSys.Close(dir); }
                });
        }
        finally { RuntimeSys.Close(covered); }
    }

    /// <summary>A readable directory fd for the O_PATH fd <paramref name="pathFd"/> (tmpcopyup reads and writes through it).</summary>
    private static int OpenDirectory(int pathFd, string shown)
    {
        fixed (byte* dot = ".\0"u8)
            return RuntimeSys.Check(LibC.openat(pathFd, dot, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0), "open", shown, "tmpcopyup");
    }

    /// <summary>src-nofollow / dest-nofollow: a bind made with open_tree + move_mount on fds, so neither the source's
    /// last component (AT_SYMLINK_NOFOLLOW) nor the destination (an O_NOFOLLOW fd) is followed when it is a symlink.</summary>
    private static void BindByFd(string source, int targetFd, ParsedMountOptions opts, string shown)
    {
        uint flags = OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (opts.Recursive ? AT_RECURSIVE : 0) | (opts.SourceNoFollow ? (uint)LibC.AT_SYMLINK_NOFOLLOW : 0);
        int tree;
        fixed (byte* s = RuntimeSys.Z(source)) tree = OpenTree(LibC.AT_FDCWD, s, flags);
        if (tree < 0) throw SyscallException.FromLastError("open_tree", source, $"bind source of {shown}");
        try { Attach(tree, targetFd, shown); }
        finally { RuntimeSys.Close(tree); }
    }

    internal static void Attach(int treeFd, int targetFd, string shown)
    {
        if (MoveMountFd(treeFd, targetFd) < 0) throw SyscallException.FromLastError("move_mount", shown);
    }

    /// <summary>The recursive attributes (rro, rnosuid, rnoatime, …) on the mount and every submount.</summary>
    private static void SetAttributes(int mountFd, ParsedMountOptions opts, string shown)
    {
        var attr = new MountAttr { Set = opts.AttrSet, Clear = opts.AttrClear };
        if (MountSetattrFd(mountFd, AT_RECURSIVE, &attr) < 0) throw SyscallException.FromLastError("mount_setattr", shown, "recursive attributes");
    }

    /// <summary>Acts on the mount just made at <paramref name="destination"/>: the fd used to make it still names the
    /// covered directory, so remounts and propagation changes need a fresh in-root lookup.</summary>
    internal static void OnNewMount(InitPlan plan, string destination, Action<string> act)
        => OnNewMountFd(plan, destination, fd => act(InRoot.ProcFdPath(fd)));

    internal static void OnNewMountFd(InitPlan plan, string destination, Action<int> act)
    {
        int fd = InRoot.OpenExisting(plan.RootFd, destination);
        if (fd < 0) throw new SyscallException("openat2", LibContainer.Errno.ENOENT, destination);
        try { act(fd); }
        finally { RuntimeSys.Close(fd); }
    }
}
