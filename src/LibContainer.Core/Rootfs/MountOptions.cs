using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Rootfs;

/// <summary>How an idmapped mount's mapping reaches its submounts: <c>idmap</c> maps the top mount, <c>ridmap</c> all.</summary>
public enum IdmapMode { None, Top, Recursive }

/// <summary>An OCI mount's options split into mount(2) flags, propagation flags, recursive attributes
/// (mount_setattr with AT_RECURSIVE), the fs data string and the runtime's own extensions.</summary>
public sealed record ParsedMountOptions(ulong Flags, ulong ClearedFlags, ulong Propagation, string Data, bool Bind, bool Recursive)
{
    /// <summary>MOUNT_ATTR_* to set and to clear on the mount and every submount.</summary>
    public ulong AttrSet { get; init; }
    public ulong AttrClear { get; init; }
    public IdmapMode Idmap { get; init; }
    public bool TmpCopyUp { get; init; }
    public bool SourceNoFollow { get; init; }
    public bool DestinationNoFollow { get; init; }

    /// <summary>Flags a bind mount needs a second, MS_REMOUNT call for (a bind ignores them on creation).</summary>
    public bool NeedsRemount => Bind && (Flags & ~(MS_BIND | MS_REC | MS_SILENT)) != 0;
    public bool HasAttributes => (AttrSet | AttrClear) != 0;
}

/// <summary>The one table of mount options this runtime knows (validation and `nsinit features` read it too).
/// Every option here is applied: flags and data by mount(2), propagation by a second mount(2), recursive attributes
/// by mount_setattr(AT_RECURSIVE), extensions by MountSetup; what this runtime cannot apply is in
/// <see cref="Refused"/> and fails `create` naming mounts[i].options[j].</summary>
public static class MountOptions
{
    private static bool? _recursiveSupported;

    /// <summary>Whether this kernel has mount_setattr (Linux 5.12+), which rro and the other recursive options need:
    /// a call on an invalid fd fails with EBADF where it exists, ENOSYS where it does not.</summary>
    public static unsafe bool RecursiveAttributesSupported => _recursiveSupported ??= Probe();

    private static unsafe bool Probe()
    {
        var attr = default(MountAttr);
        return MountSetattrFd(-1, 0, &attr) == 0 || Interop.RuntimeSys.Errno != LibContainer.Errno.ENOSYS;
    }

    // option → (set, flag): "set" false means the option clears the flag.
    private static readonly Dictionary<string, (bool Set, ulong Flag)> FlagOptions = new()
    {
        ["ro"] = (true, MS_RDONLY), ["rw"] = (false, MS_RDONLY),
        ["nosuid"] = (true, MS_NOSUID), ["suid"] = (false, MS_NOSUID),
        ["nodev"] = (true, MS_NODEV), ["dev"] = (false, MS_NODEV),
        ["noexec"] = (true, MS_NOEXEC), ["exec"] = (false, MS_NOEXEC),
        ["sync"] = (true, MS_SYNCHRONOUS), ["async"] = (false, MS_SYNCHRONOUS),
        ["dirsync"] = (true, MS_DIRSYNC),
        ["nomand"] = (false, MS_MANDLOCK),
        ["noatime"] = (true, MS_NOATIME), ["atime"] = (false, MS_NOATIME),
        ["nodiratime"] = (true, MS_NODIRATIME), ["diratime"] = (false, MS_NODIRATIME),
        ["relatime"] = (true, MS_RELATIME), ["norelatime"] = (false, MS_RELATIME),
        ["strictatime"] = (true, MS_STRICTATIME), ["nostrictatime"] = (false, MS_STRICTATIME),
        ["lazytime"] = (true, MS_LAZYTIME), ["nolazytime"] = (false, MS_LAZYTIME),
        ["iversion"] = (true, MS_I_VERSION), ["noiversion"] = (false, MS_I_VERSION),
        ["nosymfollow"] = (true, MS_NOSYMFOLLOW), ["symfollow"] = (false, MS_NOSYMFOLLOW),
        ["silent"] = (true, MS_SILENT), ["loud"] = (false, MS_SILENT),
        ["remount"] = (true, MS_REMOUNT),
    };

    /// <summary>Superblock flags: a bind mount shares the source's superblock and cannot set them.</summary>
    private const ulong SuperblockFlags = MS_SYNCHRONOUS | MS_DIRSYNC | MS_LAZYTIME | MS_I_VERSION;

    /// <summary>The flags the "cgroup" mount applies (CgroupMount): it shows the host's hierarchies and takes no data.</summary>
    internal const ulong CgroupMountFlags = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RELATIME | MS_NOATIME;

    private static readonly Dictionary<string, ulong> PropagationOptions = new()
    {
        ["private"] = MS_PRIVATE, ["rprivate"] = MS_PRIVATE | MS_REC,
        ["shared"] = MS_SHARED, ["rshared"] = MS_SHARED | MS_REC,
        ["slave"] = MS_SLAVE, ["rslave"] = MS_SLAVE | MS_REC,
        ["unbindable"] = MS_UNBINDABLE, ["runbindable"] = MS_UNBINDABLE | MS_REC,
    };

    // option → (set, MOUNT_ATTR_*): "set" false means the option clears the attribute.
    private static readonly Dictionary<string, (bool Set, ulong Attr)> RecursiveOptions = new()
    {
        ["rro"] = (true, MOUNT_ATTR_RDONLY), ["rrw"] = (false, MOUNT_ATTR_RDONLY),
        ["rnosuid"] = (true, MOUNT_ATTR_NOSUID), ["rsuid"] = (false, MOUNT_ATTR_NOSUID),
        ["rnodev"] = (true, MOUNT_ATTR_NODEV), ["rdev"] = (false, MOUNT_ATTR_NODEV),
        ["rnoexec"] = (true, MOUNT_ATTR_NOEXEC), ["rexec"] = (false, MOUNT_ATTR_NOEXEC),
        ["rnodiratime"] = (true, MOUNT_ATTR_NODIRATIME), ["rdiratime"] = (false, MOUNT_ATTR_NODIRATIME),
        ["rnosymfollow"] = (true, MOUNT_ATTR_NOSYMFOLLOW), ["rsymfollow"] = (false, MOUNT_ATTR_NOSYMFOLLOW),
    };

    // The atime modes are one field in the kernel: the last one given wins, and the negations fall back to the
    // kernel's default, relatime (rnorelatime asks for full atime: strictatime).
    private static readonly Dictionary<string, ulong> RecursiveAtime = new()
    {
        ["rrelatime"] = MOUNT_ATTR_RELATIME, ["rnorelatime"] = MOUNT_ATTR_STRICTATIME,
        ["rnoatime"] = MOUNT_ATTR_NOATIME, ["ratime"] = MOUNT_ATTR_RELATIME,
        ["rstrictatime"] = MOUNT_ATTR_STRICTATIME, ["rnostrictatime"] = MOUNT_ATTR_RELATIME,
    };

    /// <summary>The runtime's own options (crun's names). "defaults" and "notmpcopyup" ask for what happens anyway.</summary>
    private static readonly HashSet<string> Extensions = new()
    {
        "bind", "rbind", "defaults", "idmap", "ridmap", "tmpcopyup", "notmpcopyup", "src-nofollow", "dest-nofollow",
    };

    /// <summary>Bare-word filesystem data the filesystems containers mount take (key=value data is always passed on);
    /// the kernel's filesystem judges them at mount time.</summary>
    public static IReadOnlySet<string> FilesystemDataWords { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "newinstance", "nsdelegate", "memory_recursiveprot", "memory_localevents", "favordynmods", "noswap",
        "acl", "noacl", "user_xattr", "nouser_xattr", "discard", "nodiscard", "barrier", "nobarrier",
        "allow_other", "default_permissions", "inode64", "inode32", "quota", "noquota", "usrquota", "grpquota",
        "userxattr", "metacopy", "volatile", "none", "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer",
        "net_cls", "net_prio", "blkio", "perf_event", "hugetlb", "pids", "rdma", "misc", "xattr", "noxattr",
    };

    /// <summary>Options other runtimes accept that this one does not apply, and why.</summary>
    public static IReadOnlyDictionary<string, string> Refused { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mand"] = "mandatory locking was removed from Linux (5.15)",
        ["z"] = "SELinux relabeling is the engine's job; this runtime does not relabel",
        ["Z"] = "SELinux relabeling is the engine's job; this runtime does not relabel",
        ["copy-symlink"] = "is not supported by this runtime",
    };

    /// <summary>Every option name this runtime applies (flags, propagation, recursive attributes, extensions);
    /// filesystem data is in <see cref="FilesystemDataWords"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = FlagOptions.Keys.Concat(PropagationOptions.Keys)
        .Concat(RecursiveOptions.Keys).Concat(RecursiveAtime.Keys).Concat(Extensions).ToArray();

    public static IReadOnlyCollection<string> PropagationNames => PropagationOptions.Keys;

    /// <summary>Why option <paramref name="option"/> cannot be applied to a mount of this kind, or null when it can.</summary>
    public static string? Refusal(string? option, bool bind, string? type)
    {
        if (string.IsNullOrEmpty(option) || option.Contains('\0') || option.Contains(',') || option.StartsWith('='))
            return "is not a known mount option";
        if (Refused.TryGetValue(option, out var why)) return why;
        bool cgroup = type is "cgroup" or "cgroup2";
        bool data = option.Contains('=') || FilesystemDataWords.Contains(option);
        if (data && (bind || cgroup)) return $"is filesystem data, which a {(bind ? "bind" : "cgroup")} mount does not take";
        if (data) return null;
        if (FlagOptions.TryGetValue(option, out var f))
        {
            if (bind && f.Set && (f.Flag & SuperblockFlags) != 0) return "is a filesystem (superblock) flag, which a bind mount cannot set";
            if (cgroup && f.Set && (f.Flag & ~CgroupMountFlags) != 0) return "is not applied to the cgroup mount (it takes ro, nosuid, nodev, noexec, relatime, noatime)";
            return null;
        }
        if (PropagationOptions.ContainsKey(option) || RecursiveOptions.ContainsKey(option) || RecursiveAtime.ContainsKey(option)) return null;
        return option switch
        {
            "idmap" or "ridmap" or "src-nofollow" when !bind => "applies to bind mounts only",
            "tmpcopyup" when type != "tmpfs" => "applies to tmpfs mounts only",
            _ when Extensions.Contains(option) => null,
            _ => "is not a known mount option",
        };
    }

    public static bool IsBind(string? type, IReadOnlyList<string?>? options)
        => type == "bind" || options?.Any(o => o is "bind" or "rbind") == true;

    /// <summary>Splits options already validated (<see cref="Refusal"/>).</summary>
    public static ParsedMountOptions Parse(string? type, IReadOnlyList<string>? options)
    {
        ulong flags = 0, cleared = 0, propagation = 0, attrSet = 0, attrClear = 0;
        ulong? atime = null;
        bool bind = type == "bind", recursive = false, copyUp = false, srcNoFollow = false, dstNoFollow = false;
        var idmap = IdmapMode.None;
        var data = new List<string>();
        foreach (var raw in options ?? (IReadOnlyList<string>)Array.Empty<string>())
        {
            var o = raw.Trim();
            switch (o)
            {
                case "" or "defaults" or "notmpcopyup": continue;
                case "bind": bind = true; continue;
                case "rbind": bind = true; recursive = true; continue;
                case "idmap": idmap = IdmapMode.Top; continue;
                case "ridmap": idmap = IdmapMode.Recursive; continue;
                case "tmpcopyup": copyUp = true; continue;
                case "src-nofollow": srcNoFollow = true; continue;
                case "dest-nofollow": dstNoFollow = true; continue;
            }
            if (FlagOptions.TryGetValue(o, out var f))
            {
                if (f.Set) { flags |= f.Flag; cleared &= ~f.Flag; }
                else { flags &= ~f.Flag; cleared |= f.Flag; }
            }
            else if (RecursiveOptions.TryGetValue(o, out var a))
            {
                if (a.Set) { attrSet |= a.Attr; attrClear &= ~a.Attr; }
                else { attrSet &= ~a.Attr; attrClear |= a.Attr; }
            }
            else if (RecursiveAtime.TryGetValue(o, out var at)) atime = at;
            else if (PropagationOptions.TryGetValue(o, out var p)) propagation |= p;
            else data.Add(o);
        }
        if (atime is { } mode) { attrSet |= mode; attrClear |= MOUNT_ATTR__ATIME; }
        if (bind) flags |= MS_BIND | (recursive ? MS_REC : 0);
        return new ParsedMountOptions(flags, cleared, propagation, string.Join(",", data), bind, recursive)
        {
            AttrSet = attrSet, AttrClear = attrClear, Idmap = idmap, TmpCopyUp = copyUp,
            SourceNoFollow = srcNoFollow, DestinationNoFollow = dstNoFollow,
        };
    }

    /// <summary>statfs f_flags (ST_*) → the MS_* flags a bind remount must keep when the kernel locks them
    /// (mounts inherited into a user namespace).</summary>
    public static ulong LockedFlagsFromStatfs(ulong stFlags)
    {
        ulong f = 0;
        if ((stFlags & 1) != 0) f |= MS_RDONLY;
        if ((stFlags & 2) != 0) f |= MS_NOSUID;
        if ((stFlags & 4) != 0) f |= MS_NODEV;
        if ((stFlags & 8) != 0) f |= MS_NOEXEC;
        if ((stFlags & 1024) != 0) f |= MS_NOATIME;
        if ((stFlags & 2048) != 0) f |= MS_NODIRATIME;
        if ((stFlags & 4096) != 0) f |= MS_RELATIME;
        return f;
    }
}
