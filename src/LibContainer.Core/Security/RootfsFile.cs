using System.Text;
using LibContainer.Interop;
using static LibContainer.Interop.SecurityNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Security;

/// <summary>Reads small files of a container image with every path component resolved inside the rootfs
/// (openat2 RESOLVE_IN_ROOT): an absolute symlink such as /etc/passwd -> /host/etc/shadow stays in the image.</summary>
public static unsafe class RootfsFile
{
    private const int MaxSize = 4 << 20;

    /// <summary>The text of <paramref name="pathInRootfs"/> inside <paramref name="rootfs"/>, or null when it does not
    /// exist there. Other failures throw SyscallException naming the path.</summary>
    public static string? ReadText(string rootfs, string pathInRootfs)
    {
        var rootFd = RuntimeSys.Open(rootfs, LibC.O_PATH | LibC.O_DIRECTORY);
        try
        {
            var rel = pathInRootfs.TrimStart('/');
            var full = Path.Combine(rootfs, rel);
            var relZ = RuntimeSys.Z(rel);
            int fd;
            fixed (byte* p = relZ)
                fd = Interop.RuntimeNative.OpenAt2(rootFd, p, (ulong)(LibC.O_RDONLY | LibC.O_CLOEXEC | LibC.O_NOCTTY), RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
            if (fd < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno is Errno.ENOENT or Errno.ENOTDIR) return null;
                throw new SyscallException("openat2", errno, full);
            }
            try
            {
                return ReadAll((int)fd, full);
            }
            finally
            {
                LibC.close((int)fd);
            }
        }
        finally
        {
            LibC.close(rootFd);
        }
    }

    private static string ReadAll(int fd, string pathForErrors)
    {
        var buf = new byte[8192];
        var len = 0;
        while (true)
        {
            if (len == buf.Length)
            {
                if (buf.Length >= MaxSize) throw new SyscallException("read", Errno.EFBIG, pathForErrors);
                Array.Resize(ref buf, buf.Length * 2);
            }
            long n;
            fixed (byte* p = &buf[len])
                n = LibC.read(fd, p, buf.Length - len);
            if (n < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR) continue;
                throw new SyscallException("read", errno, pathForErrors);
            }
            if (n == 0) break;
            len += (int)n;
        }
        return Encoding.UTF8.GetString(buf, 0, len);
    }
}
