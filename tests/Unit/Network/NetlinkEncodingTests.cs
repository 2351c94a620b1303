using System.Net;
using LibContainer.Network;
using LibContainer.Network.Netlink;
using Xunit;

namespace LibContainer.Tests.Network;

/// <summary>Request bytes written down by hand from the struct layouts in linux/netlink.h, rtnetlink.h and if_link.h.</summary>
public class NetlinkEncodingTests
{
    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", "").Replace("|", ""));

    [Fact]
    public void GetLinkByName_Layout()
    {
        var bytes = RtnetlinkRequests.GetLinkByName("lo").Build(sequence: 1);
        var expected = Hex(
            "28000000 1200 0100 01000000 00000000" +          // nlmsghdr: len 40, RTM_GETLINK, NLM_F_REQUEST, seq 1, pid 0
            "00 00 0000 00000000 00000000 00000000" +          // ifinfomsg: all zero
            "0700 0300 6c6f00 00");                           // IFLA_IFNAME "lo\0" (len 7) + 1 byte pad
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void NewVeth_NestsPeerInsideLinkInfo()
    {
        var bytes = RtnetlinkRequests.NewVeth("veth0", "eth0", mtu: 1500).Build(sequence: 7);
        var expected = Hex(
            "70000000 1000 0506 07000000 00000000" +          // len 112, RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE
            "00000000 00000000 00000000 00000000" +           // ifinfomsg
            "0a00 0300 7665746830 00 0000" +                  // IFLA_IFNAME "veth0\0" (10) + pad 2
            "0800 0400 dc050000" +                            // IFLA_MTU 1500
            "3c00 1200" +                                     // IFLA_LINKINFO, len 60
            "  0900 0100 7665746800 000000" +                 //   IFLA_INFO_KIND "veth\0" (9) + pad 3
            "  2c00 0200" +                                   //   IFLA_INFO_DATA, len 44
            "    2800 0100" +                                 //     VETH_INFO_PEER, len 40
            "    00000000 00000000 00000000 00000000" +       //     peer ifinfomsg
            "    0900 0300 6574683000 000000" +               //     IFLA_IFNAME "eth0\0" (9) + pad 3
            "    0800 0400 dc050000");                        //     IFLA_MTU 1500
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void NewBridge_Layout()
    {
        var bytes = RtnetlinkRequests.NewBridge("br0").Build(sequence: 2);
        var expected = Hex(
            "38000000 1000 0506 02000000 00000000" +          // len 56
            "00000000 00000000 00000000 00000000" +
            "0800 0300 62723000" +                            // IFLA_IFNAME "br0\0"
            "1000 1200 0b00 0100 627269646765 00 00");        // IFLA_LINKINFO(16) { IFLA_INFO_KIND "bridge\0" (11) + pad }
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void SetUp_SetsFlagAndChangeMask()
    {
        var bytes = RtnetlinkRequests.SetFlags(index: 3, up: true).Build(sequence: 9);
        Assert.Equal(Hex("20000000 1000 0500 09000000 00000000" + "00 00 0000 03000000 01000000 01000000"), bytes);
        var down = RtnetlinkRequests.SetFlags(index: 3, up: false).Build(sequence: 9);
        Assert.Equal(Hex("20000000 1000 0500 09000000 00000000" + "00 00 0000 03000000 00000000 01000000"), down);
    }

    [Fact]
    public void MoveAndMasterAndMac_UseTheirAttributes()
    {
        Assert.Equal(Hex("28000000 1000 0500 01000000 00000000" + "00000000 04000000 00000000 00000000" + "0800 1c00 05000000"),
            RtnetlinkRequests.MoveToNetnsFd(4, 5).Build(1));                           // IFLA_NET_NS_FD = 28
        Assert.Equal(Hex("28000000 1000 0500 01000000 00000000" + "00000000 04000000 00000000 00000000" + "0800 1300 39300000"),
            RtnetlinkRequests.MoveToNetnsPid(4, 12345).Build(1));                      // IFLA_NET_NS_PID = 19
        Assert.Equal(Hex("28000000 1000 0500 01000000 00000000" + "00000000 04000000 00000000 00000000" + "0800 0a00 02000000"),
            RtnetlinkRequests.SetMaster(4, 2).Build(1));                               // IFLA_MASTER = 10
        Assert.Equal(Hex("2c000000 1000 0500 01000000 00000000" + "00000000 04000000 00000000 00000000" + "0a00 0100 0242ac110002 0000"),
            RtnetlinkRequests.SetHardwareAddress(4, [0x02, 0x42, 0xac, 0x11, 0x00, 0x02]).Build(1));
        Assert.Equal(Hex("20000000 1100 0500 01000000 00000000" + "00000000 04000000 00000000 00000000"),
            RtnetlinkRequests.DeleteLink(4).Build(1));                                 // RTM_DELLINK = 17
    }

    [Fact]
    public void NewAddress_IPv4_HasLocalAddressAndBroadcast()
    {
        var bytes = RtnetlinkRequests.NewAddress(5, NetworkValidation.ParseCidr("172.17.0.2/16", "t")).Build(sequence: 3);
        var expected = Hex(
            "30000000 1400 0506 03000000 00000000" +          // len 48, RTM_NEWADDR
            "02 10 00 00 05000000" +                          // ifaddrmsg: AF_INET, /16, flags 0, scope universe, index 5
            "0800 0200 ac110002" +                            // IFA_LOCAL
            "0800 0100 ac110002" +                            // IFA_ADDRESS
            "0800 0400 ac11ffff");                            // IFA_BROADCAST 172.17.255.255
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void NewAddress_IPv6_SkipsDad()
    {
        var bytes = RtnetlinkRequests.NewAddress(5, NetworkValidation.ParseCidr("fd00::2/64", "t")).Build(sequence: 3);
        var expected = Hex(
            "40000000 1400 0506 03000000 00000000" +          // len 64
            "0a 40 02 00 05000000" +                          // AF_INET6, /64, IFA_F_NODAD
            "1400 0200 fd000000000000000000000000000002" +    // IFA_LOCAL
            "1400 0100 fd000000000000000000000000000002");    // IFA_ADDRESS
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void NewRoute_DefaultViaGateway()
    {
        var bytes = RtnetlinkRequests.NewRoute(new IpPrefix(IPAddress.Any, 0), IPAddress.Parse("172.17.42.1"), null, 3).Build(sequence: 4);
        var expected = Hex(
            "2c000000 1800 0506 04000000 00000000" +          // len 44, RTM_NEWROUTE
            "02 00 00 00 fe 03 00 01 00000000" +              // rtmsg: AF_INET, dst/0, main table, boot, universe, unicast
            "0800 0500 ac112a01" +                            // RTA_GATEWAY
            "0800 0400 03000000");                            // RTA_OIF 3
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void NewRoute_WithDestinationAndPreferredSource_OnLink()
    {
        var bytes = RtnetlinkRequests.NewRoute(NetworkValidation.ParseCidr("10.1.0.0/16", "t"), null, IPAddress.Parse("172.17.0.101"), 2).Build(sequence: 5);
        var expected = Hex(
            "34000000 1800 0506 05000000 00000000" +          // len 52
            "02 10 00 00 fe 03 fd 01 00000000" +              // scope link (253): no gateway
            "0800 0100 0a010000" +                            // RTA_DST
            "0800 0700 ac110065" +                            // RTA_PREFSRC
            "0800 0400 02000000");
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void NewRoute_IPv6Default()
    {
        var bytes = RtnetlinkRequests.NewRoute(new IpPrefix(IPAddress.IPv6Any, 0), IPAddress.Parse("fd00::1"), null, 3).Build(sequence: 6);
        var expected = Hex(
            "38000000 1800 0506 06000000 00000000" +          // len 56
            "0a 00 00 00 fe 03 00 01 00000000" +
            "1400 0500 fd000000000000000000000000000001" +
            "0800 0400 03000000");
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void DumpLinks_UsesDumpFlags()
    {
        var bytes = RtnetlinkRequests.DumpLinks().Build(sequence: 8);
        Assert.Equal(Hex("20000000 1200 0103 08000000 00000000" + "00000000 00000000 00000000 00000000"), bytes);
    }
}
