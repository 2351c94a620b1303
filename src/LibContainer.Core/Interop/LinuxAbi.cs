using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>
/// The kernel structs the runtime reads, laid out for x86-64 Linux: the only architecture LibContainer builds for
/// and tests (linux-x64). Other architectures lay out struct stat differently (arm64: st_mode at 16, not 24), so the
/// runtime stops with a clear error there instead of reading the wrong bytes.
/// </summary>
internal static class LinuxAbi
{
    /// <summary>Throws PlatformNotSupportedException on anything but x86-64.</summary>
    public static void RequireX64()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
            throw new PlatformNotSupportedException(
                $"LibContainer reads struct stat/statfs with the x86-64 layout and runs on linux-x64 only, not {RuntimeInformation.ProcessArchitecture}");
    }
}

/// <summary>struct stat (x86-64, 144 bytes), as fstatat/lstat fill it.</summary>
[StructLayout(LayoutKind.Sequential, Size = 144)]
internal struct Stat
{
    public ulong Dev;
    public ulong Ino;
    public ulong Nlink;
    public uint Mode;
    public uint Uid;
    public uint Gid;
    public int Pad0;
    public ulong Rdev;
    public long Size;
    public long Blksize;
    public long Blocks;
    public long AtimeSec, AtimeNsec, MtimeSec, MtimeNsec, CtimeSec, CtimeNsec;
}

/// <summary>struct statfs (x86-64, 120 bytes), as fstatfs fills it.</summary>
[StructLayout(LayoutKind.Sequential, Size = 120)]
internal struct StatFs
{
    public long Type;
    public long Bsize;
    public ulong Blocks, Bfree, Bavail, Files, Ffree;
    public int Fsid0, Fsid1;
    public long Namelen;
    public long Frsize;
    /// <summary>ST_* mount flags (ST_RDONLY, ST_NOSUID, …).</summary>
    public long Flags;
}
