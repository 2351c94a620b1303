namespace LibContainer.Network.Netlink;

/// <summary>Numbers from linux/netlink.h, linux/rtnetlink.h, linux/if_link.h, linux/if_addr.h (rtnetlink(7)).</summary>
internal static class Nl
{
    public const int HeaderSize = 16;      // struct nlmsghdr
    public const int IfInfoMsgSize = 16;   // struct ifinfomsg
    public const int IfAddrMsgSize = 8;    // struct ifaddrmsg
    public const int RtMsgSize = 12;       // struct rtmsg
    public const int AttrHeaderSize = 4;   // struct rtattr

    // Message types.
    public const ushort NLMSG_NOOP = 1, NLMSG_ERROR = 2, NLMSG_DONE = 3;
    public const ushort RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_GETLINK = 18, RTM_SETLINK = 19;
    public const ushort RTM_NEWADDR = 20, RTM_DELADDR = 21, RTM_GETADDR = 22;
    public const ushort RTM_NEWROUTE = 24, RTM_DELROUTE = 25, RTM_GETROUTE = 26;

    // Header flags.
    public const ushort NLM_F_REQUEST = 0x1, NLM_F_MULTI = 0x2, NLM_F_ACK = 0x4;
    public const ushort NLM_F_ROOT = 0x100, NLM_F_MATCH = 0x200, NLM_F_DUMP = 0x300;
    public const ushort NLM_F_REPLACE = 0x100, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400;
    public const ushort NLM_F_CAPPED = 0x100, NLM_F_ACK_TLVS = 0x200; // on NLMSG_ERROR
    public const ushort NLMSGERR_ATTR_MSG = 1;

    // Attribute type flags.
    public const ushort NLA_F_NESTED = 0x8000, NLA_TYPE_MASK = 0x3fff;

    // Address families.
    public const byte AF_UNSPEC = 0, AF_INET = 2, AF_BRIDGE = 7, AF_INET6 = 10;

    // IFLA_* (link attributes).
    public const ushort IFLA_ADDRESS = 1, IFLA_BROADCAST = 2, IFLA_IFNAME = 3, IFLA_MTU = 4, IFLA_LINK = 5;
    public const ushort IFLA_MASTER = 10, IFLA_OPERSTATE = 16, IFLA_LINKINFO = 18, IFLA_NET_NS_PID = 19;
    public const ushort IFLA_STATS64 = 23, IFLA_NET_NS_FD = 28;
    public const ushort IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2;
    public const ushort VETH_INFO_PEER = 1;

    // IFA_* (address attributes) and flags.
    public const ushort IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_LABEL = 3, IFA_BROADCAST = 4;
    public const byte IFA_F_NODAD = 0x02;

    // RTA_* (route attributes) and rtmsg values.
    public const ushort RTA_DST = 1, RTA_SRC = 2, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_PRIORITY = 6, RTA_PREFSRC = 7;
    public const ushort RTA_TABLE = 15;
    public const byte RT_TABLE_MAIN = 254, RTPROT_BOOT = 3, RTN_UNICAST = 1;
    public const byte RT_SCOPE_UNIVERSE = 0, RT_SCOPE_LINK = 253, RT_SCOPE_HOST = 254;

    // Interface flags.
    public const uint IFF_UP = 0x1, IFF_LOOPBACK = 0x8, IFF_RUNNING = 0x40, IFF_LOWER_UP = 0x10000;

    public static int Align(int length) => (length + 3) & ~3;

    public static string TypeName(ushort type) => type switch
    {
        RTM_NEWLINK => "RTM_NEWLINK",
        RTM_DELLINK => "RTM_DELLINK",
        RTM_GETLINK => "RTM_GETLINK",
        RTM_SETLINK => "RTM_SETLINK",
        RTM_NEWADDR => "RTM_NEWADDR",
        RTM_DELADDR => "RTM_DELADDR",
        RTM_GETADDR => "RTM_GETADDR",
        RTM_NEWROUTE => "RTM_NEWROUTE",
        RTM_DELROUTE => "RTM_DELROUTE",
        RTM_GETROUTE => "RTM_GETROUTE",
        _ => $"type {type}",
    };
}
