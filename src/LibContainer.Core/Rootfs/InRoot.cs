using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Rootfs;

/// <summary>Resolves and creates paths strictly inside a root directory: symlinks (absolute or with "..") are
/// followed as if the root were "/", so an image cannot redirect a mount or a device node to the host.
/// Mounts then target "/proc/self/fd/N" of the O_PATH fd this returns.</summary>
internal static unsafe class InRoot
{
    private const int MaxSymlinks = 40;

    /// <summary>Opens <paramref name="path"/> (O_PATH) under <paramref name="rootFd"/>, creating missing directories and
    /// the last component (as an empty file when <paramref name="lastIsFile"/>, else a directory).</summary>
    public static int OpenOrCreate(int rootFd, string path, bool lastIsFile)
    {
        // Fast path: it usually exists already (one openat2 instead of a walk per component).
        int existing = OpenExisting(rootFd, path);
        if (existing >= 0) return existing;
        int created = CreateLastComponent(rootFd, path, lastIsFile);
        if (created >= 0) return created;
        string resolved = Resolve(rootFd, path, create: true, lastIsFile);
        return OpenResolved(rootFd, resolved, path);
    }

    /// <summary>Like <see cref="OpenOrCreate"/>, but a symlink as the last component is opened itself, not followed
    /// (the dest-nofollow mount option); the parent directories still resolve in-root.</summary>
    public static int OpenOrCreateNoFollow(int rootFd, string path, bool lastIsFile)
    {
        string trimmed = path.TrimEnd('/');
        int cut = trimmed.LastIndexOf('/');
        string name = trimmed[(cut + 1)..];
        if (name is "" or "." or "..") return OpenOrCreate(rootFd, path, lastIsFile);
        int parentFd = OpenOrCreate(rootFd, cut <= 0 ? "/" : trimmed[..cut], lastIsFile: false);
        try
        {
            fixed (byte* n = RuntimeSys.Z(name))
            {
                int fd = LibC.openat(parentFd, n, LibC.O_PATH | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
                if (fd >= 0) return fd;
                if (RuntimeSys.Errno != LibContainer.Errno.ENOENT) throw SyscallException.FromLastError("open", path);
                CreateComponent(parentFd, name, lastIsFile, path);
                return RuntimeSys.Check(LibC.openat(parentFd, n, LibC.O_PATH | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0), "open", path);
            }
        }
        finally { RuntimeSys.Close(parentFd); }
    }

    /// <summary>Opens an existing path (O_PATH) inside the root, or returns -1 when it does not exist.</summary>
    public static int OpenExisting(int rootFd, string path)
    {
        fixed (byte* p = RuntimeSys.Z(path.TrimStart('/').Length == 0 ? "." : path.TrimStart('/')))
        {
            int fd = OpenAt2(rootFd, p, (ulong)(LibC.O_PATH | LibC.O_CLOEXEC), RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
            if (fd < 0 && RuntimeSys.Errno is LibContainer.Errno.ENOENT or LibContainer.Errno.ENOTDIR) return -1;
            if (fd < 0) throw SyscallException.FromLastError("openat2", path);
            return fd;
        }
    }

    /// <summary>The usual miss: the parent exists and only the last component is new (e.g. /dev/pts). Creates it in the
    /// in-root-resolved parent and reopens it in-root; -1 sends anything else (missing parents, a dangling symlink
    /// that is the last component) to the component-by-component walk.</summary>
    private static int CreateLastComponent(int rootFd, string path, bool lastIsFile)
    {
        string trimmed = path.TrimEnd('/');
        int cut = trimmed.LastIndexOf('/');
        string name = trimmed[(cut + 1)..];
        if (name is "" or "." or "..") return -1;
        int parentFd = OpenExisting(rootFd, cut <= 0 ? "" : trimmed[..cut]);
        if (parentFd < 0) return -1;
        try
        {
            fixed (byte* n = RuntimeSys.Z(name))
            {
                if (lastIsFile)
                {
                    int fd = LibC.openat(parentFd, n, LibC.O_CREAT | LibC.O_EXCL | LibC.O_WRONLY | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, 0x1a4 /*0644*/);
                    if (fd < 0) return RuntimeSys.Errno == LibContainer.Errno.EEXIST ? -1 : throw SyscallException.FromLastError("open", path, "create mount point");
                    RuntimeSys.Close(fd);
                }
                else if (LibC.mkdirat(parentFd, n, 0x1ed /*0755*/) < 0)
                {
                    return RuntimeSys.Errno == LibContainer.Errno.EEXIST ? -1 : throw SyscallException.FromLastError("mkdir", path);
                }
            }
        }
        finally { RuntimeSys.Close(parentFd); }
        return OpenExisting(rootFd, path);
    }

    public static string ProcFdPath(int fd) => "/proc/self/fd/" + fd;

    private static int OpenResolved(int rootFd, string resolved, string shown)
    {
        fixed (byte* p = RuntimeSys.Z(resolved.Length == 0 ? "." : resolved))
        {
            int fd = OpenAt2(rootFd, p, (ulong)(LibC.O_PATH | LibC.O_CLOEXEC), RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
            if (fd < 0) throw SyscallException.FromLastError("openat2", shown);
            return fd;
        }
    }

    /// <summary>Walks the path one component at a time under the root, following symlinks in-root; returns the
    /// symlink-free relative path. Creates what is missing when asked.</summary>
    internal static string Resolve(int rootFd, string path, bool create, bool lastIsFile)
    {
        var rest = new List<string>(Split(path));
        var done = new List<string>();
        int links = 0;
        while (rest.Count > 0)
        {
            string comp = rest[0];
            rest.RemoveAt(0);
            if (comp == "..") { if (done.Count > 0) done.RemoveAt(done.Count - 1); continue; }
            bool last = rest.Count == 0;
            int parentFd = OpenResolved(rootFd, string.Join('/', done), path);
            try
            {
                uint? mode = RuntimeSys.StatMode(parentFd, comp, nofollow: true);
                if (mode is null)
                {
                    if (!create) throw new SyscallException("stat", LibContainer.Errno.ENOENT, path);
                    CreateComponent(parentFd, comp, last && lastIsFile, path);
                    done.Add(comp);
                }
                else if ((mode.Value & S_IFMT) == S_IFLNK)
                {
                    if (++links > MaxSymlinks) throw new SyscallException("openat2", LibContainer.Errno.ELOOP, path);
                    string target = ReadLink(parentFd, comp, path);
                    if (target.StartsWith('/')) done.Clear();
                    rest.InsertRange(0, Split(target));
                }
                else
                {
                    done.Add(comp);
                }
            }
            finally { RuntimeSys.Close(parentFd); }
        }
        return string.Join('/', done);
    }

    private static void CreateComponent(int parentFd, string name, bool asFile, string shown)
    {
        fixed (byte* n = RuntimeSys.Z(name))
        {
            if (asFile)
            {
                int fd = LibC.openat(parentFd, n, LibC.O_CREAT | LibC.O_EXCL | LibC.O_WRONLY | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, 0x1a4 /*0644*/);
                if (fd < 0 && RuntimeSys.Errno != LibContainer.Errno.EEXIST) throw SyscallException.FromLastError("open", shown, "create mount point");
                RuntimeSys.Close(fd);
            }
            else if (LibC.mkdirat(parentFd, n, 0x1ed /*0755*/) < 0 && RuntimeSys.Errno != LibContainer.Errno.EEXIST)
            {
                throw SyscallException.FromLastError("mkdir", shown);
            }
        }
    }

    private static string ReadLink(int dirFd, string name, string shown)
    {
        byte* buf = stackalloc byte[4096];
        fixed (byte* n = RuntimeSys.Z(name))
        {
            long len = LibC.readlinkat(dirFd, n, buf, 4096);
            if (len < 0) throw SyscallException.FromLastError("readlink", shown);
            return System.Text.Encoding.UTF8.GetString(buf, (int)len);
        }
    }

    private static IEnumerable<string> Split(string path)
        => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(c => c != ".");
}
