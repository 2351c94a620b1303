using System.Globalization;
using LibContainer.Config;
using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Rootfs;

/// <summary>Idmapped bind mounts (mounts[i].uidMappings/gidMappings, idmap, ridmap), made by the parent before the
/// clone, in the host's namespaces: setting MOUNT_ATTR_IDMAP needs CAP_SYS_ADMIN over the source filesystem, which
/// init in a user namespace lacks. Each becomes a detached tree (open_tree) carrying the mapping; init attaches it
/// (move_mount). The user namespace that holds a mapping belongs to a throw-away child, never to nsinit itself.
/// A source whose filesystem cannot be idmapped fails `create` naming the mount.</summary>
internal sealed unsafe class IdmappedMounts : IDisposable
{
    private readonly Dictionary<int, int> _trees = new();

    public IReadOnlyDictionary<int, int> Trees => _trees;

    public static IdmappedMounts Prepare(Spec spec, string bundle, string id)
    {
        var result = new IdmappedMounts();
        try
        {
            for (int i = 0; i < (spec.Mounts?.Count ?? 0); i++)
                if (MakeTree(spec, i, bundle, id) is int tree) result._trees[i] = tree;
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>`nsinit check`: makes mounts[i]'s idmapped tree as create would, and closes it (throws as create would).</summary>
    public static void Probe(Spec spec, int i, string bundle)
    {
        if (MakeTree(spec, i, bundle, null) is int tree) RuntimeSys.Close(tree);
    }

    // null: mounts[i] is not idmapped.
    private static int? MakeTree(Spec spec, int i, string bundle, string? id)
    {
        var m = spec.Mounts![i];
        var opts = MountOptions.Parse(m.Type, m.Options);
        if (opts.Idmap == IdmapMode.None && m.UidMappings is null) return null;
        string source = m.Source is { Length: > 0 } s && !s.StartsWith('/') ? Path.Combine(bundle, s) : m.Source ?? "";
        return MakeTree(source, opts, m.UidMappings ?? spec.Linux?.UidMappings, m.GidMappings ?? spec.Linux?.GidMappings, $"mounts[{i}]", id);
    }

    private static int MakeTree(string source, ParsedMountOptions opts, List<IdMapping>? uid, List<IdMapping>? gid, string jsonPath, string? id)
    {
        int tree;
        fixed (byte* s = RuntimeSys.Z(source))
            tree = OpenTree(LibC.AT_FDCWD, s, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (opts.Recursive ? AT_RECURSIVE : 0)
                                         | (opts.SourceNoFollow ? (uint)LibC.AT_SYMLINK_NOFOLLOW : 0));
        if (tree < 0) throw SyscallException.FromLastError("open_tree", source, jsonPath + ".source");
        try
        {
            int userns = UserNamespaceFd(uid!, gid!);
            var attr = new MountAttr { Set = MOUNT_ATTR_IDMAP, UsernsFd = (ulong)userns };
            int rc = MountSetattrFd(tree, opts.Idmap == IdmapMode.Recursive ? AT_RECURSIVE : 0, &attr);
            int errno = RuntimeSys.Errno;
            RuntimeSys.Close(userns);
            if (rc < 0)
                throw new ContainerException(ContainerErrorKind.HostUnsupported,
                    $"{jsonPath}: '{source}' cannot be idmapped here: " + (errno == LibContainer.Errno.EINVAL
                        ? "its filesystem does not support idmapped mounts"
                        : LibContainer.Errno.Describe(errno)) + $" (mount_setattr MOUNT_ATTR_IDMAP: {LibContainer.Errno.Name(errno)})", id)
                { Syscall = "mount_setattr", Errno = errno, Path = source, JsonPath = jsonPath };
            return tree;
        }
        catch
        {
            RuntimeSys.Close(tree);
            throw;
        }
    }

    /// <summary>An fd on a new user namespace with the given mappings. A child is cloned into it and only waits for
    /// its socket to close; the parent writes the maps, opens /proc/PID/ns/user, lets the child exit and reaps it.</summary>
    private static int UserNamespaceFd(List<IdMapping> uid, List<IdMapping> gid)
    {
        int* sv = stackalloc int[2];
        RuntimeSys.Check(LibC.socketpair(AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0, sv), "socketpair", null, "idmap helper");
        long pid = Clone(CLONE_NEWUSER | (ulong)LibC.SIGCHLD);
        if (pid == 0)
        {
            byte b;
            LibC.close(sv[0]);
            LibC.recv(sv[1], &b, 1, 0);
            LibC._exit(0);
        }
        int err = RuntimeSys.Errno;
        LibC.close(sv[1]);
        try
        {
            if (pid < 0) throw new SyscallException("clone", err, null, "idmap user namespace");
            RuntimeSys.WriteFile($"/proc/{pid}/uid_map", MapLines(uid));
            RuntimeSys.WriteFile($"/proc/{pid}/gid_map", MapLines(gid));
            return RuntimeSys.Open($"/proc/{pid}/ns/user", LibC.O_RDONLY);
        }
        finally
        {
            LibC.close(sv[0]);
            if (pid > 0)
            {
                SigInfo info;
                waitid(P_PID, (int)pid, &info, WEXITED);
            }
        }
    }

    /// <summary>uid_map/gid_map text: "containerID hostID size" per line.</summary>
    internal static string MapLines(IEnumerable<IdMapping> maps)
        => string.Concat(maps.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.ContainerId} {m.HostId} {m.Size}\n")));

    public void Dispose()
    {
        foreach (int fd in _trees.Values) RuntimeSys.Close(fd);
        _trees.Clear();
    }
}
