using LibContainer.Network.Netlink;
using Xunit;

namespace LibContainer.Tests.Network;

public class NetlinkDecodingTests
{
    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", ""));

    [Fact]
    public void Ack_IsErrorZero()
    {
        var data = Hex("24000000 0200 0001 05000000 e8030000" + "00000000" + "20000000 1000 0500 05000000 00000000");
        var message = Assert.Single(NetlinkMessage.ParseAll(data));
        Assert.Equal(Nl.NLMSG_ERROR, message.Type);
        Assert.Equal(5u, message.Sequence);
        Assert.Equal(1000u, message.PortId);
        Assert.Equal((0, (string?)null), message.ReadError());
    }

    [Fact]
    public void Error_WithExtendedAckText()
    {
        var data = Hex(
            "34000000 0200 0003 05000000 00000000" +          // len 52, NLMSG_ERROR, NLM_F_CAPPED|NLM_F_ACK_TLVS
            "efffffff" +                                      // -17 = EEXIST
            "70000000 1000 0506 05000000 00000000" +          // echoed header only (capped)
            "1000 0100 46696c652065786973747300" +            // NLMSGERR_ATTR_MSG "File exists\0" (len 16)
            "");
        var (errno, text) = Assert.Single(NetlinkMessage.ParseAll(data)).ReadError();
        Assert.Equal(17, errno);
        Assert.Equal("File exists", text);
    }

    [Fact]
    public void SeveralMessagesInOneDatagram()
    {
        var data = Hex(
            "14000000 1000 0200 01000000 00000000 00000000" + // 20 bytes, NLM_F_MULTI
            "14000000 0300 0200 01000000 00000000 00000000"); // NLMSG_DONE
        var messages = NetlinkMessage.ParseAll(data);
        Assert.Equal(2, messages.Count);
        Assert.Equal(Nl.RTM_NEWLINK, messages[0].Type);
        Assert.Equal(Nl.NLMSG_DONE, messages[1].Type);
    }

    [Fact]
    public void BadLength_Throws()
    {
        Assert.Throws<InvalidDataException>(() => NetlinkMessage.ParseAll(Hex("ff000000 1000 0000 01000000 00000000")));
    }

    [Fact]
    public void NewLink_Parses()
    {
        var payload = Hex(
            "00 00 0100 07000000 43100100 00000000" +          // ifinfomsg: ARPHRD_ETHER, index 7, flags UP|BROADCAST|RUNNING|MULTICAST|LOWER_UP
            "0800 0300 62723000" +                            // IFLA_IFNAME "br0"
            "0800 0400 dc050000" +                            // IFLA_MTU 1500
            "0a00 0100 0242ac110001 0000" +                   // IFLA_ADDRESS
            "0800 0a00 02000000" +                            // IFLA_MASTER 2
            "1000 1200 0b00 0100 62726964676500 00" +         // IFLA_LINKINFO { IFLA_INFO_KIND "bridge" }
            "4400 1700" +                                     // IFLA_STATS64 (first 8 counters only, 64 bytes)
            "0100000000000000 0200000000000000 0300000000000000 0400000000000000" +
            "0500000000000000 0600000000000000 0700000000000000 0800000000000000");
        var link = LinkInfo.Parse(payload);
        Assert.Equal(7, link.Index);
        Assert.Equal("br0", link.Name);
        Assert.True(link.IsUp);
        Assert.Equal(1500, link.Mtu);
        Assert.Equal("02:42:ac:11:00:01", link.MacAddress);
        Assert.Equal(2, link.MasterIndex);
        Assert.Equal("bridge", link.Kind);
        Assert.Equal(new LinkStats64(1, 2, 3, 4, 5, 6, 7, 8), link.Stats);
    }

    [Fact]
    public void NestedAttributeFlag_IsMasked()
    {
        var attrs = NetlinkAttribute.ParseAll(Hex("0800 1280 01000000"));   // IFLA_LINKINFO | NLA_F_NESTED
        Assert.Equal(Nl.IFLA_LINKINFO, Assert.Single(attrs).Type);
    }
}
