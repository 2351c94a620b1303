using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Runtime.Launch;

/// <summary>Connects to the engine's --console-socket (before the clone: after pivot_root the host path is gone).</summary>
internal static unsafe class ConsoleSocketClient
{
    public static int Connect(string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path);
        if (bytes.Length >= 108) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"console socket path too long: {path}");
        int fd = RuntimeSys.Check(LibC.socket(AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0), "socket", path);
        byte* addr = stackalloc byte[110];
        new Span<byte>(addr, 110).Clear();
        *(ushort*)addr = AF_UNIX;
        bytes.CopyTo(new Span<byte>(addr + 2, 108));
        if (connect(fd, addr, (uint)(2 + bytes.Length + 1)) < 0)
        {
            var e = SyscallException.FromLastError("connect", path, "console socket");
            RuntimeSys.Close(fd);
            throw e;
        }
        return fd;
    }
}
