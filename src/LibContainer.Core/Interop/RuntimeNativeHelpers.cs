using System.Runtime.InteropServices;
using System.Text;

namespace LibContainer.Interop;

/// <summary>Small helpers over <see cref="RuntimeNative"/> and Tmds.LibC: NUL-terminated strings, errno checks, and
/// the one adapter per Tmds.LibC signature whose types the runtime does not hold (TryOpen, TryMkdir, TryRmdir,
/// TryMount, Fchmod).</summary>
internal static unsafe class RuntimeSys
{
    /// <summary>UTF-8 with a trailing NUL, for `fixed (byte* p = Z(s))`.</summary>
    public static byte[] Z(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    public static int Errno => Marshal.GetLastPInvokeError();

    public static int Check(int rc, string syscall, string? path = null, string? detail = null)
    {
        if (rc < 0) throw SyscallException.FromLastError(syscall, path, detail);
        return rc;
    }

    public static void Mount(string? source, string target, string? fstype, ulong flags, string? data, string? shownTarget = null)
    {
        fixed (byte* s = source is null ? null : Z(source))
        fixed (byte* t = Z(target))
        fixed (byte* f = fstype is null ? null : Z(fstype))
        fixed (byte* d = string.IsNullOrEmpty(data) ? null : Z(data))
        {
            if (TryMount(s, t, f, flags, d) < 0)
                throw SyscallException.FromLastError("mount", shownTarget ?? target);
        }
    }

    /// <summary>mount(2): 0, or -1 with errno kept for <see cref="Errno"/>. The one place the runtime's ulong MS_* set
    /// becomes Tmds.LibC's ulong_t.</summary>
    public static int TryMount(byte* source, byte* target, byte* fstype, ulong flags, byte* data) =>
        LibC.mount(source, target, fstype, (Tmds.Linux.ulong_t)flags, data);

    public static int Open(string path, int flags, uint mode = 0)
    {
        int fd = TryOpen(path, flags | LibC.O_CLOEXEC, mode);
        if (fd < 0) throw SyscallException.FromLastError("open", path);
        return fd;
    }

    /// <summary>open(2) of a managed path: the fd, or -1 with errno kept for <see cref="Errno"/>. The one place a
    /// permission mode becomes Tmds.LibC's mode_t (mode and type bits fit its 16 bits).</summary>
    public static int TryOpen(string path, int flags, uint mode = 0)
    {
        fixed (byte* p = Z(path)) return LibC.open(p, flags, (ushort)mode);
    }

    /// <summary>mkdir(2) of a managed path: 0, or -1 with errno kept for <see cref="Errno"/>.</summary>
    public static int TryMkdir(string path, uint mode)
    {
        fixed (byte* p = Z(path)) return LibC.mkdir(p, (ushort)mode);
    }

    /// <summary>rmdir(2) of a managed path: 0, or -1 with errno kept for <see cref="Errno"/>.</summary>
    public static int TryRmdir(string path)
    {
        fixed (byte* p = Z(path)) return LibC.rmdir(p);
    }

    /// <summary>fchmod(2) with a permission mode held as uint (st_mode bits), as Tmds.LibC's mode_t.</summary>
    public static int Fchmod(int fd, uint mode) => LibC.fchmod(fd, (ushort)mode);

    public static void Close(int fd)
    {
        if (fd >= 0) LibC.close(fd);
    }

    public static void WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            int off = 0;
            while (off < data.Length)
            {
                long n = LibC.write(fd, p + off, data.Length - off);
                if (n < 0)
                {
                    if (Errno == LibContainer.Errno.EINTR) continue;
                    throw SyscallException.FromLastError("write");
                }
                off += (int)n;
            }
        }
    }

    /// <summary>A small kernel file (/proc, /sys, cgroupfs) read with open and read(2) alone; null when it does not exist.
    /// What fits in 4 KiB never touches the GC heap: on a VM where a page fault costs 15–20 µs, File.ReadAllText's
    /// FileStream, StreamReader and StringBuilder buffers cost more than the read.</summary>
    public static string? TryReadText(string path)
    {
        int fd = TryOpen(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            if (Errno == LibContainer.Errno.ENOENT) return null;
            throw SyscallException.FromLastError("open", path);
        }
        try
        {
            const int StackSize = 4096;
            byte* stack = stackalloc byte[StackSize];
            byte[]? heap = null;
            int total = 0;
            while (true)
            {
                if (total == (heap?.Length ?? StackSize))
                {
                    var bigger = new byte[total * 2];
                    (heap is null ? new ReadOnlySpan<byte>(stack, total) : heap.AsSpan(0, total)).CopyTo(bigger);
                    heap = bigger;
                }
                long n;
                if (heap is null) n = LibC.read(fd, stack + total, StackSize - total);
                else fixed (byte* h = heap) n = LibC.read(fd, h + total, heap.Length - total);
                if (n < 0)
                {
                    if (Errno == LibContainer.Errno.EINTR) continue;
                    throw SyscallException.FromLastError("read", path);
                }
                if (n == 0) break;
                total += (int)n;
            }
            return heap is null ? Encoding.UTF8.GetString(stack, total) : Encoding.UTF8.GetString(heap, 0, total);
        }
        finally
        {
            LibC.close(fd);
        }
    }

    /// <summary>Writes text with write(2): never System.Console (its first use starts a thread).</summary>
    public static void WriteText(int fd, string text)
    {
        try { WriteAll(fd, Encoding.UTF8.GetBytes(text)); } catch (SyscallException) { }
    }

    public static void WriteFile(string path, string content)
    {
        int fd = Open(path, LibC.O_WRONLY);
        try { WriteAll(fd, Encoding.UTF8.GetBytes(content)); }
        catch (SyscallException e) { throw new SyscallException("write", e.Errno, path); }
        finally { Close(fd); }
    }

    /// <summary>stat of a path (lstat when nofollow; of dirfd itself when the path is empty), or null with errno kept
    /// for <see cref="Errno"/>.</summary>
    public static Stat? TryStat(int dirfd, string path, bool nofollow = false)
    {
        LinuxAbi.RequireX64();
        Stat st;
        fixed (byte* p = Z(path))
        {
            int flags = (nofollow ? LibC.AT_SYMLINK_NOFOLLOW : 0) | (path.Length == 0 ? LibC.AT_EMPTY_PATH : 0);
            return RuntimeNative.fstatat(dirfd, p, (byte*)&st, flags) < 0 ? null : st;
        }
    }

    /// <summary>st_mode of a path (lstat when nofollow), or null when it does not exist.</summary>
    public static uint? StatMode(int dirfd, string path, bool nofollow = false) => TryStat(dirfd, path, nofollow)?.Mode;

    /// <summary>Whether the caller's effective ids may write the path (faccessat W_OK, AT_EACCESS).</summary>
    public static bool MayWrite(string path)
    {
        fixed (byte* p = Z(path)) return LibC.faccessat(LibC.AT_FDCWD, p, 2 /*W_OK*/, LibC.AT_EACCESS) == 0;
    }

    public static bool Exists(string path) => StatMode(LibC.AT_FDCWD, path) is not null;
}
