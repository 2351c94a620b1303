using System.Text.Json;
using LibContainer.Config;
using LibContainer.Network;
using Xunit;

namespace LibContainer.Tests.Network;

/// <summary>
/// The `networks`/`routes` entries of the seed's attach_to_bridge.json and route_source_address_selection.json,
/// verbatim, attached to a container whose "host" namespace has the seed's docker0 (172.17.42.1/16).
/// </summary>
[Trait("Category", "Integration")]
public class SeedNetworkConfigTests
{
    private const string AttachToBridgeNetworks = """
        [
            { "address": "127.0.0.1/0", "gateway": "localhost", "mtu": 1500, "type": "loopback" },
            { "address": "172.17.0.101/16", "bridge": "docker0", "veth_prefix": "veth", "gateway": "172.17.42.1", "mtu": 1500, "type": "veth" }
        ]
        """;

    private const string RouteSourceNetworks = """
        [
            { "address": "127.0.0.1/0", "gateway": "localhost", "mtu": 1500, "type": "loopback" },
            { "address": "172.17.0.101/16", "bridge": "docker0", "veth_prefix": "veth", "mtu": 1500, "type": "veth" }
        ]
        """;

    private const string RouteSourceRoutes = """
        [ { "destination": "0.0.0.0/0", "source": "172.17.0.101", "gateway": "172.17.42.1", "interface_name": "eth0" } ]
        """;

    private static readonly JsonSerializerOptions SeedJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public void AttachToBridge_Runs()
    {
        AttachSeed(JsonSerializer.Deserialize<List<NetworkConfig>>(AttachToBridgeNetworks, SeedJson)!, null,
            c => Assert.Contains(NetworkSetupIntegrationTests.Routes(c, "-4"), r => r.Dst == "default" && r.Gateway == "172.17.42.1" && r.Dev == "eth0"));
    }

    [Fact]
    public void RouteSourceAddressSelection_Runs()
    {
        AttachSeed(
            JsonSerializer.Deserialize<List<NetworkConfig>>(RouteSourceNetworks, SeedJson)!,
            JsonSerializer.Deserialize<List<NetworkRoute>>(RouteSourceRoutes, SeedJson)!,
            c => Assert.Contains(NetworkSetupIntegrationTests.Routes(c, "-4"),
                r => r.Dst == "default" && r.Gateway == "172.17.42.1" && r.Dev == "eth0" && r.PrefSrc == "172.17.0.101"));
    }

    private static void AttachSeed(List<NetworkConfig> networks, List<NetworkRoute>? routes, Action<string> check)
    {
        using var ns = new TestNetns();
        var host = ns.Add("h");
        var c = ns.Add("c");
        var pid = ns.StartSleeper(c);
        TestNetns.Ip("-n", host, "link", "add", "docker0", "type", "bridge");
        TestNetns.Ip("-n", host, "addr", "add", "172.17.42.1/16", "dev", "docker0");
        TestNetns.Ip("-n", host, "link", "set", "docker0", "up");

        var result = TestNetns.RunIn(host, () => NetworkSetup.Attach(networks, routes, pid));

        var hostVeth = Assert.Single(result.HostInterfaces);
        Assert.StartsWith("veth", hostVeth);
        Assert.Empty(result.CreatedBridges); // docker0 was there
        Assert.Contains("172.17.0.101/16", NetworkSetupIntegrationTests.Addresses(c, "eth0"));
        Assert.Contains("127.0.0.1/8", NetworkSetupIntegrationTests.Addresses(c, "lo"));
        check(c);
        Assert.True(TestNetns.Ping(c, "172.17.42.1"), "the container cannot ping the seed's gateway on docker0");
        Assert.Contains(NetworkStats.Read(pid), s => s.Name == "eth0" && s.TxPackets > 0 && s.RxPackets > 0);

        TestNetns.RunIn(host, () => NetworkSetup.Detach(result.HostInterfaces, result.CreatedBridges));
        Assert.Equal(["docker0", "lo"], NetworkSetupIntegrationTests.Links(host).Order());
    }
}
