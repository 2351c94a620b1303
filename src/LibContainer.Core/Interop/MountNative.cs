using static LibContainer.Interop.Libc;

namespace LibContainer.Interop;

/// <summary>The new mount API (Linux 5.2+/5.12+): detached trees, moving them by fd, per-mount attributes.</summary>
internal static unsafe partial class RuntimeNative
{
    public const long SYS_open_tree = 428, SYS_move_mount = 429, SYS_mount_setattr = 442, SYS_getdents64 = 217;
    public const ulong MS_I_VERSION = 1 << 23;
    public const uint OPEN_TREE_CLONE = 1, OPEN_TREE_CLOEXEC = 0x80000, AT_RECURSIVE = 0x8000;
    public const uint MOVE_MOUNT_F_EMPTY_PATH = 0x4, MOVE_MOUNT_T_EMPTY_PATH = 0x40;
    public const ulong MOUNT_ATTR_RDONLY = 0x1, MOUNT_ATTR_NOSUID = 0x2, MOUNT_ATTR_NODEV = 0x4, MOUNT_ATTR_NOEXEC = 0x8,
        MOUNT_ATTR__ATIME = 0x70, MOUNT_ATTR_RELATIME = 0, MOUNT_ATTR_NOATIME = 0x10, MOUNT_ATTR_STRICTATIME = 0x20,
        MOUNT_ATTR_NODIRATIME = 0x80, MOUNT_ATTR_IDMAP = 0x100000, MOUNT_ATTR_NOSYMFOLLOW = 0x200000;

    public struct MountAttr { public ulong Set, Clear, Propagation, UsernsFd; }

    public static int OpenTree(int dirfd, byte* path, uint flags) => (int)syscall(SYS_open_tree, dirfd, (nint)path, (nint)flags, 0, 0);

    /// <summary>Attaches the detached tree <paramref name="treeFd"/> on the object <paramref name="targetFd"/> names.</summary>
    public static int MoveMountFd(int treeFd, int targetFd)
    {
        byte empty = 0;
        return (int)syscall(SYS_move_mount, treeFd, (nint)(&empty), targetFd, (nint)(&empty), (nint)(MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH));
    }

    /// <summary>mount_setattr on the mount <paramref name="fd"/> names (AT_EMPTY_PATH), plus <paramref name="flags"/>.</summary>
    public static int MountSetattrFd(int fd, uint flags, MountAttr* attr)
    {
        byte empty = 0;
        return (int)syscall(SYS_mount_setattr, fd, (nint)(&empty), (nint)(flags | (uint)LibC.AT_EMPTY_PATH), (nint)attr, sizeof(MountAttr));
    }

    public static int Getdents64(int fd, byte* buf, int size) => (int)syscall(SYS_getdents64, fd, (nint)buf, size, 0, 0);
}
