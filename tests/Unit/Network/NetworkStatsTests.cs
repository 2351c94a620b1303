using LibContainer.Config;
using LibContainer.Network;
using Xunit;

namespace LibContainer.Tests.Network;

public class NetworkStatsTests
{
    private const string NetDev =
        "Inter-|   Receive                                                |  Transmit\n" +
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n" +
        "    lo:     140       2    0    0    0     0          0         0      140       2    0    0    0     0       0          0\n" +
        "  eth0: 1234567     890    1    2    0     0          0         5    98765     432    3    4    0     0       0          0\n";

    [Fact]
    public void Parse_ReadsRxAndTxColumns()
    {
        var stats = NetworkStats.Parse(NetDev);
        Assert.Equal(2, stats.Count);
        var eth0 = stats[1];
        Assert.Equal("eth0", eth0.Name);
        Assert.Equal((1234567ul, 890ul, 1ul, 2ul), (eth0.RxBytes, eth0.RxPackets, eth0.RxErrors, eth0.RxDropped));
        Assert.Equal((98765ul, 432ul, 3ul, 4ul), (eth0.TxBytes, eth0.TxPackets, eth0.TxErrors, eth0.TxDropped));
    }

    [Fact]
    public void Read_UsesProcRootAndSkipsLoopback()
    {
        var root = Directory.CreateTempSubdirectory("lc-netstats-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "42", "net"));
            File.WriteAllText(Path.Combine(root.FullName, "42", "net", "dev"), NetDev);
            Assert.Equal("eth0", Assert.Single(NetworkStats.Read(42, procRoot: root.FullName)).Name);
            Assert.Equal(2, NetworkStats.Read(42, includeLoopback: true, procRoot: root.FullName).Count);
            var missing = Assert.Throws<SyscallException>(() => NetworkStats.Read(43, procRoot: root.FullName));
            Assert.Equal(Errno.ENOENT, missing.Errno);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Annotations_DocumentedFormat_ReadsIntoTheModel()
    {
        // The example of docs/networking.md, read the way the runtime does (SpecNetworks).
        var spec = new Spec
        {
            Annotations = new Dictionary<string, string>
            {
                [NetworkAnnotations.Networks] =
                    """[{"type":"loopback"},{"type":"veth","bridge":"lc0","bridgeAddress":"172.17.42.1/16","address":"172.17.0.2/16","gateway":"172.17.42.1","ipv6Address":"fd00::2/64","ipv6Gateway":"fd00::1","mtu":1500,"macAddress":"02:42:ac:11:00:02","vethPrefix":"lcv"}]""",
                [NetworkAnnotations.Routes] = """[{"destination":"10.10.0.0/16","gateway":"172.17.42.1","source":"172.17.0.2","interfaceName":"eth0"}]""",
            },
        };
        var networks = SpecNetworks.GetNetworks(spec);
        var routes = SpecNetworks.GetRoutes(spec);
        Assert.Equal(2, networks.Count);
        Assert.Equal("lc0", networks[1].Bridge);
        Assert.Equal("172.17.42.1/16", networks[1].BridgeAddress);
        Assert.Equal("fd00::2/64", networks[1].Ipv6Address);
        Assert.Equal(1500, networks[1].Mtu);
        Assert.Equal("02:42:ac:11:00:02", networks[1].MacAddress);
        Assert.Equal("lcv", networks[1].VethPrefix);
        Assert.Equal("eth0", Assert.Single(routes).InterfaceName);
        Assert.Empty(NetworkValidation.Validate(networks, routes));
    }
}
