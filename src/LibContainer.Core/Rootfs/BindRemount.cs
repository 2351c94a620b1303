using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Rootfs;

internal static unsafe class BindRemount
{
    /// <summary>MS_BIND|MS_REMOUNT with <paramref name="flags"/>. In a user namespace the kernel refuses to drop flags
    /// it locked (nosuid/nodev/noexec/atime of the source mount): on EPERM retry keeping them.</summary>
    public static void Apply(string target, ulong flags, string shown)
    {
        ulong f = (flags & ~(MS_BIND | MS_REC)) | MS_BIND | MS_REMOUNT;
        fixed (byte* t = RuntimeSys.Z(target))
        {
            if (RuntimeSys.TryMount(null, t, null, f, null) == 0) return;
            int err = RuntimeSys.Errno;
            if (err != LibContainer.Errno.EPERM) throw new SyscallException("mount", err, shown, "remount");
            ulong locked = LockedFlags(target);
            if (RuntimeSys.TryMount(null, t, null, f | (locked & ~MS_RDONLY), null) < 0)
                throw SyscallException.FromLastError("mount", shown, "remount");
        }
    }

    private static ulong LockedFlags(string target)
    {
        int fd = RuntimeSys.Open(target, LibC.O_PATH);
        try
        {
            LinuxAbi.RequireX64();
            StatFs st;
            if (fstatfs(fd, (byte*)&st) < 0) return 0;
            return MountOptions.LockedFlagsFromStatfs((ulong)st.Flags);
        }
        finally { RuntimeSys.Close(fd); }
    }
}
