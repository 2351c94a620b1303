using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Rootfs;

/// <summary>An OCI mount's options split into mount(2) flags, propagation flags and the fs data string.</summary>
public sealed record ParsedMountOptions(ulong Flags, ulong ClearedFlags, ulong Propagation, string Data, bool Bind, bool Recursive)
{
    /// <summary>Flags a bind mount needs a second, MS_REMOUNT call for (a bind ignores them on creation).</summary>
    public bool NeedsRemount => Bind && (Flags & ~(MS_BIND | MS_REC)) != 0;
}

public static class MountOptions
{
    // option → (set, flag): "set" false means the option clears the flag.
    private static readonly Dictionary<string, (bool Set, ulong Flag)> FlagOptions = new()
    {
        ["ro"] = (true, MS_RDONLY), ["rw"] = (false, MS_RDONLY),
        ["nosuid"] = (true, MS_NOSUID), ["suid"] = (false, MS_NOSUID),
        ["nodev"] = (true, MS_NODEV), ["dev"] = (false, MS_NODEV),
        ["noexec"] = (true, MS_NOEXEC), ["exec"] = (false, MS_NOEXEC),
        ["sync"] = (true, MS_SYNCHRONOUS), ["async"] = (false, MS_SYNCHRONOUS),
        ["dirsync"] = (true, MS_DIRSYNC),
        ["mand"] = (true, MS_MANDLOCK), ["nomand"] = (false, MS_MANDLOCK),
        ["noatime"] = (true, MS_NOATIME), ["atime"] = (false, MS_NOATIME),
        ["nodiratime"] = (true, MS_NODIRATIME), ["diratime"] = (false, MS_NODIRATIME),
        ["relatime"] = (true, MS_RELATIME), ["norelatime"] = (false, MS_RELATIME),
        ["strictatime"] = (true, MS_STRICTATIME), ["nostrictatime"] = (false, MS_STRICTATIME),
        ["lazytime"] = (true, MS_LAZYTIME), ["nolazytime"] = (false, MS_LAZYTIME),
        ["nosymfollow"] = (true, MS_NOSYMFOLLOW), ["symfollow"] = (false, MS_NOSYMFOLLOW),
        ["silent"] = (true, MS_SILENT), ["loud"] = (false, MS_SILENT),
        ["remount"] = (true, MS_REMOUNT),
    };

    private static readonly Dictionary<string, ulong> PropagationOptions = new()
    {
        ["private"] = MS_PRIVATE, ["rprivate"] = MS_PRIVATE | MS_REC,
        ["shared"] = MS_SHARED, ["rshared"] = MS_SHARED | MS_REC,
        ["slave"] = MS_SLAVE, ["rslave"] = MS_SLAVE | MS_REC,
        ["unbindable"] = MS_UNBINDABLE, ["runbindable"] = MS_UNBINDABLE | MS_REC,
    };

    /// <summary>Options that are never passed to the kernel. "defaults" means nothing; the others are runtime extensions
    /// (OciNames.MountExtensions) that this parser only skips: what applies them is the mount code's business.</summary>
    private static readonly HashSet<string> RuntimeOnly = new() { "tmpcopyup", "idmap", "ridmap", "copy-symlink", "defaults" };

    public static ParsedMountOptions Parse(string? type, IReadOnlyList<string>? options)
    {
        ulong flags = 0, cleared = 0, propagation = 0;
        bool bind = type == "bind", recursive = false;
        var data = new List<string>();
        foreach (var raw in options ?? (IReadOnlyList<string>)Array.Empty<string>())
        {
            var o = raw.Trim();
            if (o.Length == 0 || RuntimeOnly.Contains(o)) continue;
            if (o == "bind") { bind = true; continue; }
            if (o == "rbind") { bind = true; recursive = true; continue; }
            if (FlagOptions.TryGetValue(o, out var f))
            {
                if (f.Set) { flags |= f.Flag; cleared &= ~f.Flag; }
                else { flags &= ~f.Flag; cleared |= f.Flag; }
                continue;
            }
            if (PropagationOptions.TryGetValue(o, out var p)) { propagation |= p; continue; }
            data.Add(o);
        }
        if (bind) flags |= MS_BIND | (recursive ? MS_REC : 0);
        return new ParsedMountOptions(flags, cleared, propagation, string.Join(",", data), bind, recursive);
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
