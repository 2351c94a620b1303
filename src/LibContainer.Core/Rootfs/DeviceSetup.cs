using LibContainer.Config;
using LibContainer.Interop;
using LibContainer.Runtime.Init;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Rootfs;

/// <summary>Init steps "devices" and "dev-symlinks": the OCI default devices plus linux.devices, made with mknod, or
/// bind-mounted from the host in a user namespace (where mknod is not allowed).</summary>
internal static unsafe class DeviceSetup
{
    public static readonly LinuxDevice[] DefaultDevices =
    {
        Char("/dev/null", 1, 3), Char("/dev/zero", 1, 5), Char("/dev/full", 1, 7),
        Char("/dev/random", 1, 8), Char("/dev/urandom", 1, 9), Char("/dev/tty", 5, 0),
    };

    private static LinuxDevice Char(string path, long major, long minor)
        => new() { Type = "c", Path = path, Major = major, Minor = minor, FileMode = 0x1b6 /*0666*/, Uid = 0, Gid = 0 };

    /// <summary>Defaults first, then linux.devices (a device of the config replaces a default of the same path).</summary>
    public static List<LinuxDevice> Effective(IReadOnlyList<LinuxDevice>? configured)
    {
        var result = new List<LinuxDevice>();
        var byPath = new HashSet<string>(configured?.Select(d => d.Path) ?? Array.Empty<string>());
        result.AddRange(DefaultDevices.Where(d => !byPath.Contains(d.Path)));
        if (configured is not null) result.AddRange(configured);
        return result;
    }

    public static void CreateDevices(InitPlan plan)
    {
        foreach (var d in Effective(plan.Spec.Linux?.Devices))
        {
            if (!d.Path.StartsWith("/dev/", StringComparison.Ordinal))
                throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"device path {d.Path} is not under /dev");
            if (plan.NewUserNamespace) BindFromHost(plan.RootFd, d);
            else MakeNode(plan.RootFd, d);
        }
    }

    private static (int DirFd, string Name) OpenParent(int rootFd, string path)
    {
        int slash = path.LastIndexOf('/');
        return (InRoot.OpenOrCreate(rootFd, path.Substring(0, slash), lastIsFile: false), path.Substring(slash + 1));
    }

    private static void MakeNode(int rootFd, LinuxDevice d)
    {
        uint type = d.Type switch
        {
            "c" or "u" => Libc.S_IFCHR,
            "b" => Libc.S_IFBLK,
            "p" => Libc.S_IFIFO,
            _ => throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"device {d.Path}: unknown type '{d.Type}'"),
        };
        var (dirFd, name) = OpenParent(rootFd, d.Path);
        try
        {
            fixed (byte* n = RuntimeSys.Z(name))
            {
                uint mode = (d.FileMode ?? 0x1b6) & 0xfff;
                ulong dev = type == Libc.S_IFIFO ? 0 : MakeDev(d.Major ?? 0, d.Minor ?? 0);
                var old = LibC.umask(0);
                int rc = mknodat(dirFd, n, type | mode, dev);
                if (rc < 0 && RuntimeSys.Errno == LibContainer.Errno.EEXIST)
                {
                    LibC.unlinkat(dirFd, n, 0);
                    rc = mknodat(dirFd, n, type | mode, dev);
                }
                int err = RuntimeSys.Errno;
                LibC.umask(old);
                if (rc < 0) throw new SyscallException("mknod", err, d.Path);
                RuntimeSys.Check(LibC.fchownat(dirFd, n, d.Uid ?? 0, d.Gid ?? 0, LibC.AT_SYMLINK_NOFOLLOW), "chown", d.Path);
            }
        }
        finally { RuntimeSys.Close(dirFd); }
    }

    private static void BindFromHost(int rootFd, LinuxDevice d)
    {
        int fd = InRoot.OpenOrCreate(rootFd, d.Path, lastIsFile: true);
        try { RuntimeSys.Mount(d.Path, InRoot.ProcFdPath(fd), null, MS_BIND, null, d.Path); }
        finally { RuntimeSys.Close(fd); }
    }

    public static void CreateSymlinks(InitPlan plan)
    {
        var links = new List<(string Link, string Target)>
        {
            ("/dev/fd", "/proc/self/fd"), ("/dev/stdin", "/proc/self/fd/0"),
            ("/dev/stdout", "/proc/self/fd/1"), ("/dev/stderr", "/proc/self/fd/2"),
        };
        int pts = InRoot.OpenExisting(plan.RootFd, "/dev/pts/ptmx");
        if (pts >= 0) { RuntimeSys.Close(pts); links.Add(("/dev/ptmx", "pts/ptmx")); }
        foreach (var (link, target) in links)
        {
            var (dirFd, name) = OpenParent(plan.RootFd, link);
            try
            {
                fixed (byte* t = RuntimeSys.Z(target))
                fixed (byte* n = RuntimeSys.Z(name))
                {
                    if (LibC.symlinkat(t, dirFd, n) == 0) continue;
                    if (RuntimeSys.Errno != LibContainer.Errno.EEXIST) throw SyscallException.FromLastError("symlink", link);
                    // /dev/ptmx may exist as a node in an image without a /dev tmpfs: the link must win (devpts newinstance).
                    if (link == "/dev/ptmx" && LibC.unlinkat(dirFd, n, 0) == 0)
                        RuntimeSys.Check(LibC.symlinkat(t, dirFd, n), "symlink", link);
                }
            }
            finally { RuntimeSys.Close(dirFd); }
        }
    }
}
