using System.Net;
using System.Net.Sockets;

namespace LibContainer.Network.Netlink;

/// <summary>Builders for the rtnetlink requests the network setup sends; pure, so the bytes are unit-tested.</summary>
internal static class RtnetlinkRequests
{
    private const ushort Change = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK;
    private const ushort Create = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;

    public static NetlinkMessageBuilder GetLinkByName(string name) =>
        new NetlinkMessageBuilder(Nl.RTM_GETLINK, Nl.NLM_F_REQUEST).IfInfo().AttrString(Nl.IFLA_IFNAME, name);

    public static NetlinkMessageBuilder GetLinkByIndex(int index) =>
        new NetlinkMessageBuilder(Nl.RTM_GETLINK, Nl.NLM_F_REQUEST).IfInfo(index: index);

    public static NetlinkMessageBuilder DumpLinks() =>
        new NetlinkMessageBuilder(Nl.RTM_GETLINK, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP).IfInfo();

    public static NetlinkMessageBuilder NewBridge(string name)
    {
        var b = new NetlinkMessageBuilder(Nl.RTM_NEWLINK, Create).IfInfo().AttrString(Nl.IFLA_IFNAME, name);
        var info = b.BeginNested(Nl.IFLA_LINKINFO);
        b.AttrString(Nl.IFLA_INFO_KIND, "bridge");
        return b.EndNested(info);
    }

    /// <summary>A veth pair; the peer's attributes sit in IFLA_INFO_DATA/VETH_INFO_PEER after its own ifinfomsg.</summary>
    public static NetlinkMessageBuilder NewVeth(string name, string peerName, int? mtu = null, int? peerNetnsFd = null)
    {
        var b = new NetlinkMessageBuilder(Nl.RTM_NEWLINK, Create).IfInfo().AttrString(Nl.IFLA_IFNAME, name);
        if (mtu is int m) b.AttrU32(Nl.IFLA_MTU, (uint)m);
        var info = b.BeginNested(Nl.IFLA_LINKINFO);
        b.AttrString(Nl.IFLA_INFO_KIND, "veth");
        var data = b.BeginNested(Nl.IFLA_INFO_DATA);
        var peer = b.BeginNested(Nl.VETH_INFO_PEER);
        b.IfInfo().AttrString(Nl.IFLA_IFNAME, peerName);
        if (mtu is int pm) b.AttrU32(Nl.IFLA_MTU, (uint)pm);
        if (peerNetnsFd is int fd) b.AttrU32(Nl.IFLA_NET_NS_FD, (uint)fd);
        b.EndNested(peer);
        b.EndNested(data);
        return b.EndNested(info);
    }

    public static NetlinkMessageBuilder SetFlags(int index, bool up) =>
        new NetlinkMessageBuilder(Nl.RTM_NEWLINK, Change).IfInfo(index: index, flags: up ? Nl.IFF_UP : 0, change: Nl.IFF_UP);

    public static NetlinkMessageBuilder SetMaster(int index, int masterIndex) =>
        new NetlinkMessageBuilder(Nl.RTM_NEWLINK, Change).IfInfo(index: index).AttrU32(Nl.IFLA_MASTER, (uint)masterIndex);

    public static NetlinkMessageBuilder SetMtu(int index, int mtu) =>
        new NetlinkMessageBuilder(Nl.RTM_NEWLINK, Change).IfInfo(index: index).AttrU32(Nl.IFLA_MTU, (uint)mtu);

    public static NetlinkMessageBuilder SetHardwareAddress(int index, byte[] mac) =>
        new NetlinkMessageBuilder(Nl.RTM_NEWLINK, Change).IfInfo(index: index).Attr(Nl.IFLA_ADDRESS, mac);

    public static NetlinkMessageBuilder Rename(int index, string newName) =>
        new NetlinkMessageBuilder(Nl.RTM_NEWLINK, Change).IfInfo(index: index).AttrString(Nl.IFLA_IFNAME, newName);

    /// <summary>Moves a link into another network namespace; with <paramref name="newName"/> it gets that name there
    /// (move and rename in one step: the kernel never shows the old name in the target).</summary>
    public static NetlinkMessageBuilder MoveToNetnsFd(int index, int netnsFd, string? newName = null)
    {
        var b = new NetlinkMessageBuilder(Nl.RTM_NEWLINK, Change).IfInfo(index: index).AttrU32(Nl.IFLA_NET_NS_FD, (uint)netnsFd);
        return newName is null ? b : b.AttrString(Nl.IFLA_IFNAME, newName);
    }

    public static NetlinkMessageBuilder DumpAddresses() =>
        new NetlinkMessageBuilder(Nl.RTM_GETADDR, (ushort)(Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP)).IfAddr(Nl.AF_UNSPEC, 0, 0, 0, 0);

    public static NetlinkMessageBuilder MoveToNetnsPid(int index, int pid) =>
        new NetlinkMessageBuilder(Nl.RTM_NEWLINK, Change).IfInfo(index: index).AttrU32(Nl.IFLA_NET_NS_PID, (uint)pid);

    public static NetlinkMessageBuilder DeleteLink(int index) =>
        new NetlinkMessageBuilder(Nl.RTM_DELLINK, Change).IfInfo(index: index);

    /// <summary>An address with IFA_LOCAL and IFA_ADDRESS (and the broadcast for IPv4 prefixes up to /30); IPv6 skips DAD.</summary>
    public static NetlinkMessageBuilder NewAddress(int index, IpPrefix prefix)
    {
        var v6 = prefix.Address.AddressFamily == AddressFamily.InterNetworkV6;
        var bytes = prefix.Address.GetAddressBytes();
        var b = new NetlinkMessageBuilder(Nl.RTM_NEWADDR, Create)
            .IfAddr(v6 ? Nl.AF_INET6 : Nl.AF_INET, (byte)prefix.PrefixLength, v6 ? Nl.IFA_F_NODAD : (byte)0, Nl.RT_SCOPE_UNIVERSE, index)
            .Attr(Nl.IFA_LOCAL, bytes)
            .Attr(Nl.IFA_ADDRESS, bytes);
        if (!v6 && prefix.PrefixLength <= 30)
            b.Attr(Nl.IFA_BROADCAST, prefix.Broadcast().GetAddressBytes());
        return b;
    }

    /// <summary>A main-table unicast route; a route without gateway is on-link (scope link).</summary>
    public static NetlinkMessageBuilder NewRoute(IpPrefix destination, IPAddress? gateway, IPAddress? preferredSource, int outputIndex)
    {
        var v6 = destination.Address.AddressFamily == AddressFamily.InterNetworkV6;
        var scope = gateway is null ? Nl.RT_SCOPE_LINK : Nl.RT_SCOPE_UNIVERSE;
        var b = new NetlinkMessageBuilder(Nl.RTM_NEWROUTE, Create)
            .RtMsg(v6 ? Nl.AF_INET6 : Nl.AF_INET, (byte)destination.PrefixLength, Nl.RT_TABLE_MAIN, Nl.RTPROT_BOOT, scope, Nl.RTN_UNICAST);
        if (destination.PrefixLength > 0) b.Attr(Nl.RTA_DST, destination.Address.GetAddressBytes());
        if (gateway is not null) b.Attr(Nl.RTA_GATEWAY, gateway.GetAddressBytes());
        if (preferredSource is not null) b.Attr(Nl.RTA_PREFSRC, preferredSource.GetAddressBytes());
        if (outputIndex > 0) b.AttrU32(Nl.RTA_OIF, (uint)outputIndex);
        return b;
    }
}
