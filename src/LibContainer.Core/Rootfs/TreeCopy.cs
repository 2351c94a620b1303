using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Rootfs;

/// <summary>How <see cref="TreeCopy"/> treats owners, modes, what exists at the destination and special files.</summary>
internal sealed record CopyPolicy
{
    /// <summary>tmpcopyup: a fresh destination; owners, every mode bit and device nodes copied.</summary>
    public static readonly CopyPolicy CopyUp = new();

    /// <summary>Existing directories are merged and existing regular files overwritten (else: EEXIST).</summary>
    public bool Merge { get; init; }

    /// <summary>With <see cref="Merge"/>: an entry of another kind (a symlink, a file where a directory goes) or a
    /// read-only file at the destination is replaced.</summary>
    public bool Force { get; init; }

    /// <summary>Owner of what is created; null: the source's.</summary>
    public (uint Uid, uint Gid)? Owner { get; init; }

    /// <summary>Leave the owner to whoever creates the entry (no chown at all).</summary>
    public bool KeepCreator { get; init; }

    /// <summary>The mode bits copied (0xfff: all; 0x3ff drops setuid and setgid when the owner changes).</summary>
    public uint ModeMask { get; init; } = 0xfff;

    /// <summary>Non-null: device nodes, fifos and sockets are not copied but reported here.</summary>
    public Action<string>? SkipSpecial { get; init; }
}

/// <summary>Copies trees between directory fds: the tmpcopyup mount option (what a directory held before a tmpfs
/// covered it is copied into the tmpfs) and Copy-ContainerItem. Files, directories, symlinks (as symlinks) and, by
/// policy, nodes, with owners and modes; not timestamps or xattrs. Works on directory fds only and never follows a
/// symlink, so neither side can point the copy elsewhere.</summary>
internal static unsafe class TreeCopy
{
    private const long SYS_fchmodat = 268;
    private const int MaxDepth = 256;

    private readonly record struct Entry(uint Mode, uint Uid, uint Gid, ulong Rdev);

    /// <summary>Copies the content of <paramref name="srcDir"/> into <paramref name="dstDir"/> (both O_RDONLY
    /// directory fds) and, unless the mount's options set them, gives the destination the source's owner and mode.</summary>
    public static void CopyUp(int srcDir, int dstDir, string shown, bool copyRootOwnerAndMode)
    {
        var buffer = new byte[64 * 1024];
        CopyContents(srcDir, dstDir, shown, buffer, 0, CopyPolicy.CopyUp);
        if (!copyRootOwnerAndMode) return;
        byte empty = 0;
        var self = Lstat(srcDir, &empty, shown)!.Value;
        RuntimeSys.Check(LibC.fchownat(dstDir, &empty, self.Uid, self.Gid, LibC.AT_EMPTY_PATH), "chown", shown, "tmpcopyup");
        RuntimeSys.Check(RuntimeSys.Fchmod(dstDir, self.Mode & 0xfff), "chmod", shown, "tmpcopyup");
    }

    /// <summary>Copies the entry <paramref name="srcName"/> of <paramref name="srcDir"/> to <paramref name="dstName"/>
    /// in <paramref name="dstDir"/>: a directory with everything below it, when <paramref name="recurse"/>.</summary>
    public static void CopyEntry(int srcDir, string srcName, int dstDir, string dstName, string shown, bool recurse, CopyPolicy policy)
    {
        fixed (byte* s = RuntimeSys.Z(srcName))
        fixed (byte* d = RuntimeSys.Z(dstName))
        {
            var e = Lstat(srcDir, s, shown) ?? throw new SyscallException("stat", LibContainer.Errno.ENOENT, shown);
            if ((e.Mode & S_IFMT) == S_IFDIR && !recurse) throw new SyscallException("copy", LibContainer.Errno.EISDIR, shown, "a directory: use -Recurse");
            CopyOne(srcDir, s, dstDir, d, e, shown, new byte[64 * 1024], 0, policy);
        }
    }

    private static void CopyContents(int src, int dst, string shown, byte[] buffer, int depth, CopyPolicy policy)
    {
        if (depth > MaxDepth) throw new SyscallException("copy", LibContainer.Errno.ELOOP, shown, "tmpcopyup");
        foreach (var name in ReadNames(src, shown))
        {
            string path = shown + "/" + System.Text.Encoding.UTF8.GetString(name, 0, name.Length - 1);
            fixed (byte* n = name)
            {
                if (Lstat(src, n, path) is { } e) CopyOne(src, n, dst, n, e, path, buffer, depth, policy);
            }
        }
    }

    private static void CopyOne(int src, byte* sn, int dst, byte* dn, Entry e, string path, byte[] buffer, int depth, CopyPolicy policy)
    {
        var kind = e.Mode & S_IFMT;
        if (kind is not (S_IFDIR or S_IFREG or S_IFLNK) && policy.SkipSpecial is { } skip)
        {
            skip(path);
            return;
        }
        var existing = policy.Merge ? Lstat(dst, dn, path) : null;
        if (existing is { } x && !Reusable(kind, x, policy))
        {
            if (!policy.Force || (x.Mode & S_IFMT) == S_IFDIR)
                throw new SyscallException("copy", LibContainer.Errno.EEXIST, path, (x.Mode & S_IFMT) == S_IFDIR
                    ? "a directory is in the way" : "an entry of another kind or a read-only file is in the way: -Force replaces it");
            RuntimeSys.Check(LibC.unlinkat(dst, dn, 0), "unlink", path);
            existing = null;
        }
        switch (kind)
        {
            case S_IFDIR:
                if (existing is null) RuntimeSys.Check(LibC.mkdirat(dst, dn, 0x1c0), "mkdir", path, "copy");
                int s = RuntimeSys.Check(LibC.openat(src, sn, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0), "open", path);
                int d = -1;
                try
                {
                    d = RuntimeSys.Check(LibC.openat(dst, dn, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0), "open", path);
                    CopyContents(s, d, path, buffer, depth + 1, policy);
                }
                finally { RuntimeSys.Close(s); RuntimeSys.Close(d); }
                break;
            case S_IFREG:
                CopyFile(src, sn, dst, dn, path, buffer, existing is not null);
                break;
            case S_IFLNK:
                CopyLink(src, sn, dst, dn, path);
                break;
            default:
                RuntimeSys.Check(mknodat(dst, dn, e.Mode, e.Rdev), "mknod", path, "tmpcopyup");
                break;
        }
        if (!policy.KeepCreator)
        {
            var (uid, gid) = policy.Owner ?? (e.Uid, e.Gid);
            RuntimeSys.Check(LibC.fchownat(dst, dn, uid, gid, LibC.AT_SYMLINK_NOFOLLOW), "chown", path, "copy");
        }
        if (kind != S_IFLNK)
            RuntimeSys.Check((int)syscall(SYS_fchmodat, dst, (nint)dn, (nint)(e.Mode & policy.ModeMask), 0, 0), "chmod", path, "copy");
    }

    /// <summary>What may be written over as it is: a directory into a directory, a file over a writable file.</summary>
    private static bool Reusable(uint kind, Entry existing, CopyPolicy policy)
    {
        var there = existing.Mode & S_IFMT;
        if (kind == S_IFDIR) return there == S_IFDIR;
        return kind == S_IFREG && there == S_IFREG && ((existing.Mode & 0x80) != 0 || policy.Force);
    }

    private static void CopyFile(int src, byte* sn, int dst, byte* dn, string path, byte[] buffer, bool overwrite)
    {
        int s = RuntimeSys.Check(LibC.openat(src, sn, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0), "open", path);
        int d = -1;
        try
        {
            d = RuntimeSys.Check(LibC.openat(dst, dn, LibC.O_WRONLY | LibC.O_CREAT | (overwrite ? LibC.O_TRUNC : LibC.O_EXCL) | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0x180), "open", path, "copy");
            fixed (byte* b = buffer)
            {
                long n;
                while ((n = LibC.read(s, b, buffer.Length)) != 0)
                {
                    if (n < 0 && RuntimeSys.Errno == LibContainer.Errno.EINTR) continue;
                    if (n < 0) throw SyscallException.FromLastError("read", path, "copy");
                    RuntimeSys.WriteAll(d, new ReadOnlySpan<byte>(b, (int)n));
                }
            }
        }
        finally { RuntimeSys.Close(s); RuntimeSys.Close(d); }
    }

    /// <summary>The directory's entries as NUL-terminated bytes (names need not be UTF-8).</summary>
    private static List<byte[]> ReadNames(int dir, string shown)
    {
        var names = new List<byte[]>();
        byte* buf = stackalloc byte[8192];
        int n;
        while ((n = Getdents64(dir, buf, 8192)) > 0)
        {
            for (int off = 0; off < n;)
            {
                ushort reclen = *(ushort*)(buf + off + 16);
                var name = new ReadOnlySpan<byte>(buf + off + 19, reclen - 19);
                name = name[..(name.IndexOf((byte)0) + 1)];
                if (!name.SequenceEqual(".\0"u8) && !name.SequenceEqual("..\0"u8)) names.Add(name.ToArray());
                off += reclen;
            }
        }
        if (n < 0) throw SyscallException.FromLastError("getdents64", shown, "copy");
        return names;
    }

    /// <summary>lstat of the entry; null when it does not exist.</summary>
    private static Entry? Lstat(int dir, byte* name, string shown)
    {
        LinuxAbi.RequireX64();
        Stat st;
        if (fstatat(dir, name, (byte*)&st, LibC.AT_SYMLINK_NOFOLLOW | (*name == 0 ? LibC.AT_EMPTY_PATH : 0)) < 0)
            return RuntimeSys.Errno == LibContainer.Errno.ENOENT ? null : throw SyscallException.FromLastError("stat", shown, "copy");
        return new Entry(st.Mode, st.Uid, st.Gid, st.Rdev);
    }

    private static void CopyLink(int src, byte* sn, int dst, byte* dn, string shown)
    {
        byte* target = stackalloc byte[4097];
        long len = LibC.readlinkat(src, sn, target, 4096);
        if (len < 0) throw SyscallException.FromLastError("readlink", shown, "copy");
        target[len] = 0;
        RuntimeSys.Check(LibC.symlinkat(target, dst, dn), "symlink", shown, "copy");
    }
}
