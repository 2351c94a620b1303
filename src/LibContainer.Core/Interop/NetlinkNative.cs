using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>What the netlink socket needs that Tmds.LibC lacks (docs/runtime.md, "libc bindings"): sockaddr_nl and
/// the NETLINK_* numbers. socket, bind, setsockopt, send, recv and setns are Tmds'.</summary>
internal static class NetlinkNative
{
    public const int NETLINK_ROUTE = 0, NETLINK_CAP_ACK = 10, NETLINK_EXT_ACK = 11;

    [StructLayout(LayoutKind.Sequential)]
    public struct SockaddrNl
    {
        public Tmds.Linux.sa_family_t Family;
        public ushort Pad;
        public uint Pid;
        public uint Groups;
    }
}
