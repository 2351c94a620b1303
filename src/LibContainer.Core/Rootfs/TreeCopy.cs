using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Rootfs;

/// <summary>The tmpcopyup mount option: what a directory held before a tmpfs covered it is copied into the tmpfs
/// (files, directories, symlinks and nodes with their owners and modes; not timestamps or xattrs). Works on
/// directory fds only and never follows a symlink, so the image cannot point the copy elsewhere.</summary>
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
        CopyContents(srcDir, dstDir, shown, buffer, 0);
        if (!copyRootOwnerAndMode) return;
        byte empty = 0;
        var self = Stat(srcDir, &empty, shown);
        RuntimeSys.Check(fchownat(dstDir, &empty, self.Uid, self.Gid, AT_EMPTY_PATH), "chown", shown, "tmpcopyup");
        RuntimeSys.Check(fchmod(dstDir, self.Mode & 0xfff), "chmod", shown, "tmpcopyup");
    }

    private static void CopyContents(int src, int dst, string shown, byte[] buffer, int depth)
    {
        if (depth > MaxDepth) throw new SyscallException("copy", LibContainer.Errno.ELOOP, shown, "tmpcopyup");
        foreach (var name in ReadNames(src, shown))
        {
            string path = shown + "/" + System.Text.Encoding.UTF8.GetString(name, 0, name.Length - 1);
            fixed (byte* n = name)
            {
                var e = Stat(src, n, path);
                switch (e.Mode & S_IFMT)
                {
                    case S_IFDIR:
                        RuntimeSys.Check(mkdirat(dst, n, 0x1c0), "mkdir", path, "tmpcopyup");
                        int s = RuntimeSys.Check(openat(src, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0), "open", path);
                        int d = -1;
                        try
                        {
                            d = RuntimeSys.Check(openat(dst, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0), "open", path);
                            CopyContents(s, d, path, buffer, depth + 1);
                        }
                        finally { RuntimeSys.Close(s); RuntimeSys.Close(d); }
                        break;
                    case S_IFREG:
                        CopyFile(src, dst, n, path, buffer);
                        break;
                    case S_IFLNK:
                        CopyLink(src, dst, n, path);
                        break;
                    default:
                        RuntimeSys.Check(mknodat(dst, n, e.Mode, e.Rdev), "mknod", path, "tmpcopyup");
                        break;
                }
                RuntimeSys.Check(fchownat(dst, n, e.Uid, e.Gid, AT_SYMLINK_NOFOLLOW), "chown", path, "tmpcopyup");
                if ((e.Mode & S_IFMT) != S_IFLNK)
                    RuntimeSys.Check((int)syscall(SYS_fchmodat, dst, (nint)n, (nint)(e.Mode & 0xfff), 0, 0), "chmod", path, "tmpcopyup");
            }
        }
    }

    private static void CopyFile(int src, int dst, byte* name, string path, byte[] buffer)
    {
        int s = RuntimeSys.Check(openat(src, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0), "open", path);
        int d = -1;
        try
        {
            d = RuntimeSys.Check(openat(dst, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0x180), "open", path, "tmpcopyup");
            fixed (byte* b = buffer)
            {
                nint n;
                while ((n = read(s, b, buffer.Length)) != 0)
                {
                    if (n < 0 && RuntimeSys.Errno == LibContainer.Errno.EINTR) continue;
                    if (n < 0) throw SyscallException.FromLastError("read", path, "tmpcopyup");
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
        if (n < 0) throw SyscallException.FromLastError("getdents64", shown, "tmpcopyup");
        return names;
    }

    private static Entry Stat(int dir, byte* name, string shown)
    {
        byte* st = stackalloc byte[256];
        RuntimeSys.Check(fstatat(dir, name, st, AT_SYMLINK_NOFOLLOW | (*name == 0 ? AT_EMPTY_PATH : 0)), "stat", shown, "tmpcopyup");
        return new Entry(*(uint*)(st + 24), *(uint*)(st + 28), *(uint*)(st + 32), *(ulong*)(st + 40));
    }

    private static void CopyLink(int src, int dst, byte* name, string shown)
    {
        byte* target = stackalloc byte[4097];
        nint len = readlinkat(src, name, target, 4096);
        if (len < 0) throw SyscallException.FromLastError("readlink", shown, "tmpcopyup");
        target[len] = 0;
        RuntimeSys.Check(symlinkat(target, dst, name), "symlink", shown, "tmpcopyup");
    }
}
