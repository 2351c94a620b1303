using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Rootfs;

/// <summary>
/// Copies files and directories into and out of a container (Copy-ContainerItem). The container's side is resolved
/// as the container would see it, with its "/" as the root: every component, symlinks included ("/x" and "../.."),
/// stays inside it (openat2 RESOLVE_IN_ROOT through <see cref="InRoot"/>); below the named item nothing is followed
/// (<see cref="TreeCopy"/>: directory fds, O_NOFOLLOW), so an image's symlink never redirects the copy to the host.
/// Symlinks are copied as symlinks; device nodes, fifos and sockets are skipped and reported; setuid and setgid bits
/// are dropped (the owner changes): what is copied in belongs to the container's root, what is copied out to the caller.
/// </summary>
public static unsafe class ContainerItemCopy
{
    /// <param name="Recurse">Copy directories with what is below them (else a directory is an error).</param>
    /// <param name="Force">Replace an entry of another kind (a symlink, a file where a directory goes) or a read-only file.</param>
    /// <param name="Owner">Owner of what is copied into the container: its root, mapped to the host's ids.</param>
    /// <param name="Skipped">Hears each special file that was not copied.</param>
    public sealed record Options(bool Recurse, bool Force, (uint Uid, uint Gid) Owner, Action<string>? Skipped);

    /// <summary>What the running container sees as "/": /proc/PID/root of its init (the rootfs with the container's
    /// mounts). The pid is pinned with a pidfd, so the root opened is that process's, not a recycled pid's. An
    /// O_PATH directory fd; close it with <see cref="Close"/>.</summary>
    public static int OpenInitRoot(int pid)
    {
        int pidfd = PidfdOpen(pid);
        if (pidfd < 0) throw SyscallException.FromLastError("pidfd_open", null, $"pid {pid}");
        try
        {
            int root = RuntimeSys.Open($"/proc/{pid}/root", LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
            if (PidfdSendSignal(pidfd, 0) == 0) return root;
            RuntimeSys.Close(root);
            throw new SyscallException("pidfd_send_signal", LibContainer.Errno.ESRCH, $"/proc/{pid}/root", "the container's init ended");
        }
        finally { RuntimeSys.Close(pidfd); }
    }

    /// <summary>A stopped container's root: its rootfs directory (no mounts: they ended with the container).</summary>
    public static int OpenDirectory(string path) => RuntimeSys.Open(path, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC);

    public static void Close(int fd) => RuntimeSys.Close(fd);

    /// <summary>Host <paramref name="hostPath"/> → <paramref name="containerPath"/> under <paramref name="rootFd"/>.</summary>
    public static void CopyIn(int rootFd, string hostPath, string containerPath, Options o)
    {
        var (srcDir, srcName) = HostSource(hostPath);
        try
        {
            var (dstDir, dstName) = Destination(rootFd, containerPath, srcName);
            try
            {
                TreeCopy.CopyEntry(srcDir, srcName, dstDir, dstName, containerPath, o.Recurse, Policy(o) with { Owner = o.Owner });
            }
            finally { RuntimeSys.Close(dstDir); }
        }
        finally { RuntimeSys.Close(srcDir); }
    }

    /// <summary><paramref name="containerPath"/> under <paramref name="rootFd"/> → host <paramref name="hostPath"/>.</summary>
    public static void CopyOut(int rootFd, string containerPath, string hostPath, Options o)
    {
        string rel = InRoot.Resolve(rootFd, containerPath, create: false, lastIsFile: false);
        var (srcDir, srcName) = (OpenDir(rootFd, Parent(rel), containerPath), Name(rel, containerPath));
        try
        {
            var (dstDir, dstName) = Destination(LibC.AT_FDCWD, Path.GetFullPath(hostPath), srcName);
            try
            {
                TreeCopy.CopyEntry(srcDir, srcName, dstDir, dstName, containerPath, o.Recurse, Policy(o) with { KeepCreator = true });
            }
            finally { RuntimeSys.Close(dstDir); }
        }
        finally { RuntimeSys.Close(srcDir); }
    }

    private static CopyPolicy Policy(Options o) => new() { Merge = true, Force = o.Force, ModeMask = 0x3ff, SkipSpecial = o.Skipped ?? (_ => { }) };

    /// <summary>The host source, a symlink named by the caller followed (as Copy-Item does).</summary>
    private static (int Dir, string Name) HostSource(string hostPath)
    {
        var full = Path.GetFullPath(hostPath);
        if (File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target) full = target.FullName;
        return (RuntimeSys.Open(Parent(full) is { Length: > 0 } p ? p : "/", LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC), Name(full, hostPath));
    }

    /// <summary>Where the item goes: into <paramref name="path"/> when that is a directory (keeping its name), else
    /// <paramref name="path"/> itself, whose parent must exist. <paramref name="rootFd"/> AT_FDCWD: a host path.</summary>
    private static (int Dir, string Name) Destination(int rootFd, string path, string sourceName)
    {
        string? rel = rootFd == LibC.AT_FDCWD ? HostExisting(path) : TryResolve(rootFd, path);
        if (rel is not null && IsDirectory(rootFd, rel)) return (OpenDir(rootFd, rel, path), sourceName);
        if (rel is not null) return (OpenDir(rootFd, Parent(rel), path), Name(rel, path)); // an existing item, symlinks resolved
        string parent = rootFd == LibC.AT_FDCWD ? Parent(path) : TryResolve(rootFd, Parent(path))
            ?? throw new SyscallException("open", LibContainer.Errno.ENOENT, Parent(path), "the destination's parent directory");
        return (OpenDir(rootFd, parent, path), Name(path, path));
    }

    private static string? HostExisting(string path) =>
        !Path.Exists(path) ? null : File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;

    private static string? TryResolve(int rootFd, string path)
    {
        try { return InRoot.Resolve(rootFd, path, create: false, lastIsFile: false); }
        catch (SyscallException e) when (e.Errno is LibContainer.Errno.ENOENT or LibContainer.Errno.ENOTDIR) { return null; }
    }

    private static bool IsDirectory(int rootFd, string path)
    {
        if (rootFd == LibC.AT_FDCWD) return Directory.Exists(path);
        int fd = InRoot.OpenExisting(rootFd, path);
        if (fd < 0) return false;
        try { return (RuntimeSys.StatMode(fd, "") is { } mode) && (mode & S_IFMT) == S_IFDIR; }
        finally { RuntimeSys.Close(fd); }
    }

    /// <summary>A directory fd to read or create entries in: in-root for the container, plainly for the host.</summary>
    private static int OpenDir(int rootFd, string path, string shown)
    {
        if (rootFd == LibC.AT_FDCWD) return RuntimeSys.Open(path.Length == 0 ? "/" : path, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        fixed (byte* p = RuntimeSys.Z(path.TrimStart('/').Length == 0 ? "." : path.TrimStart('/')))
        {
            int fd = OpenAt2(rootFd, p, (ulong)(LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC), RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
            return fd >= 0 ? fd : throw SyscallException.FromLastError("openat2", shown);
        }
    }

    private static string Parent(string path)
    {
        var t = path.TrimEnd('/');
        int cut = t.LastIndexOf('/');
        return cut <= 0 ? (t.StartsWith('/') ? "/" : "") : t[..cut];
    }

    private static string Name(string path, string shown)
    {
        var name = Path.GetFileName(path.TrimEnd('/'));
        return name is "" or "." or ".." ? throw new SyscallException("copy", LibContainer.Errno.EINVAL, shown, "name a file or directory, not a root") : name;
    }
}
