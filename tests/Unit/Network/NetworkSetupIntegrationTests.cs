using System.Text.Json;
using LibContainer.Config;
using LibContainer.Network;
using LibContainer.Network.Netlink;
using Xunit;

namespace LibContainer.Tests.Network;

/// <summary>
/// The strategies against the real kernel, entirely inside namespaces the test creates: one stands in for the host
/// (the code runs on a thread switched into it), others for containers (referenced by a sleeper's pid).
/// Only 172.17.x and fd00:: addresses, only inside those namespaces.
/// </summary>
[Trait("Category", "Integration")]
public class NetworkSetupIntegrationTests
{
    private static NetworkConfig Veth(string bridge, string address, string? mac = null) => new()
    {
        Type = "veth", Bridge = bridge, BridgeAddress = "172.17.42.1/16", Address = address, Gateway = "172.17.42.1",
        Mtu = 1400, MacAddress = mac, VethPrefix = "lcv",
    };

    [Fact]
    public void TwoContainersOnOneBridge_PingEachOther_StatsGrow_DetachRemovesHostVeths()
    {
        using var ns = new TestNetns();
        var host = ns.Add("h");
        var c1 = ns.Add("c1");
        var c2 = ns.Add("c2");
        var pid1 = ns.StartSleeper(c1);
        var pid2 = ns.StartSleeper(c2);

        var net1 = Veth("lcbr0", "172.17.0.2/16", "02:42:ac:11:00:02");
        net1.Ipv6Address = "fd00::2/64";
        net1.Ipv6Gateway = "fd00::1";
        var net2 = Veth("lcbr0", "172.17.0.3/16");
        net2.Name = "eth1";
        var loopback = new NetworkConfig { Type = "loopback" };

        var r1 = TestNetns.RunIn(host, () => NetworkSetup.Attach([loopback, net1], null, pid1));
        var r2 = TestNetns.RunIn(host, () => NetworkSetup.Attach([net2], null, pid2));

        // Host side: the bridge (created, with its address, up) and the host ends attached and up.
        var hostVeth = Assert.Single(r1.HostInterfaces);
        Assert.StartsWith("lcv", hostVeth);
        Assert.True(hostVeth.Length <= 15);
        Assert.Equal(["lcbr0"], r1.CreatedBridges);
        Assert.Empty(r2.CreatedBridges);
        TestNetns.RunIn(host, () =>
        {
            using var nl = Rtnetlink.Open();
            var bridge = nl.GetLink("lcbr0");
            Assert.Equal("bridge", bridge.Kind);
            Assert.True(bridge.IsUp);
            foreach (var name in r1.HostInterfaces.Concat(r2.HostInterfaces))
            {
                var veth = nl.GetLink(name);
                Assert.Equal("veth", veth.Kind);
                Assert.Equal(bridge.Index, veth.MasterIndex);
                Assert.True(veth.IsUp);
                Assert.Equal(1400, veth.Mtu);
            }
        });
        Assert.Contains(Addresses(host, "lcbr0"), a => a == "172.17.42.1/16");

        // Container side: renamed peer with MAC, MTU, addresses, up, lo up, default routes.
        var (eth0, lo) = TestNetns.RunIn(host, () =>
        {
            using var nl = Rtnetlink.OpenForProcess(pid1);
            return (nl.GetLink("eth0"), nl.GetLink("lo"));
        });
        Assert.True(eth0.IsUp);
        Assert.True(lo.IsUp);
        Assert.Equal(1400, eth0.Mtu);
        Assert.Equal("02:42:ac:11:00:02", eth0.MacAddress);
        Assert.Contains("172.17.0.2/16", Addresses(c1, "eth0"));
        Assert.Contains("fd00::2/64", Addresses(c1, "eth0"));
        Assert.Contains(Routes(c1, "-4"), r => r.Dst == "default" && r.Gateway == "172.17.42.1" && r.Dev == "eth0");
        Assert.Contains(Routes(c1, "-6"), r => r.Dst == "default" && r.Gateway == "fd00::1" && r.Dev == "eth0");
        Assert.Contains("172.17.0.3/16", Addresses(c2, "eth1"));

        // Traffic between the two containers and to the bridge address; counters grow.
        var before = NetworkStats.Read(pid1).Single(s => s.Name == "eth0");
        Assert.True(TestNetns.Ping(c1, "172.17.0.3"), "c1 cannot ping c2");
        Assert.True(TestNetns.Ping(c2, "172.17.0.2"), "c2 cannot ping c1");
        Assert.True(TestNetns.Ping(c1, "172.17.42.1"), "c1 cannot ping the bridge address");
        var after = NetworkStats.Read(pid1).Single(s => s.Name == "eth0");
        Assert.True(after.TxPackets > before.TxPackets && after.TxBytes > before.TxBytes);
        Assert.True(after.RxPackets > before.RxPackets && after.RxBytes > before.RxBytes);
        Assert.Equal(["eth1"], NetworkStats.Read(pid2).Select(s => s.Name));

        // Teardown: the host veth goes; the bridge stays while c2 still uses it, then goes when asked and empty.
        TestNetns.RunIn(host, () => NetworkSetup.Detach(r1.HostInterfaces, r1.CreatedBridges));
        TestNetns.RunIn(host, () =>
        {
            using var nl = Rtnetlink.Open();
            Assert.Null(nl.FindLink(hostVeth));
            Assert.NotNull(nl.FindLink("lcbr0"));
        });
        Assert.DoesNotContain(Links(c1), l => l == "eth0");
        TestNetns.RunIn(host, () => NetworkSetup.Detach(r2.HostInterfaces, ["lcbr0"]));
        TestNetns.RunIn(host, () => NetworkSetup.Detach(r2.HostInterfaces, ["lcbr0"])); // again: nothing left, no error
        Assert.Equal(["lo"], Links(host));
    }

    [Fact]
    public void Ipv6_BetweenContainers()
    {
        using var ns = new TestNetns();
        var host = ns.Add("h");
        var c1 = ns.Add("c1");
        var c2 = ns.Add("c2");
        var pid1 = ns.StartSleeper(c1);
        var pid2 = ns.StartSleeper(c2);
        var n1 = new NetworkConfig { Type = "veth", Bridge = "lcbr6", Ipv6Address = "fd00::12/64" };
        var n2 = new NetworkConfig { Type = "veth", Bridge = "lcbr6", Ipv6Address = "fd00::13/64" };
        TestNetns.RunIn(host, () => NetworkSetup.Attach([n1], null, pid1));
        TestNetns.RunIn(host, () => NetworkSetup.Attach([n2], null, pid2));
        Assert.True(TestNetns.Ping(c1, "fd00::13"), "c1 cannot ping c2 over IPv6");
    }

    [Fact]
    public void FailureMidway_LeavesNothing()
    {
        using var ns = new TestNetns();
        var host = ns.Add("h");
        var c1 = ns.Add("c1");
        var pid = ns.StartSleeper(c1);
        var network = Veth("lcbr1", "172.17.0.2/16");
        network.Gateway = null;
        // The gateway is not on any connected network: the kernel refuses the route after bridge and veth exist.
        var routes = new List<NetworkRoute> { new() { Destination = "172.18.0.0/16", Gateway = "172.19.0.1", InterfaceName = "eth0" } };

        var error = Assert.Throws<SyscallException>(() => TestNetns.RunIn(host, () => NetworkSetup.Attach([network], routes, pid)));
        Assert.Equal("netlink RTM_NEWROUTE", error.Syscall);
        Assert.Matches(@"^netlink RTM_NEWROUTE 'eth0' \(add route 172\.18\.0\.0/16 via 172\.19\.0\.1.*\): network is unreachable \(ENETUNREACH\)$", error.Message);
        Assert.Equal(["lo"], Links(host));
        Assert.Equal(["lo"], Links(c1));
    }

    [Fact]
    public void BridgeNameOfAnotherDevice_IsAClearError_AndLeavesNothingNew()
    {
        using var ns = new TestNetns();
        var host = ns.Add("h");
        var c1 = ns.Add("c1");
        var pid = ns.StartSleeper(c1);
        TestNetns.Ip("-n", host, "link", "add", "lcdummy0", "type", "veth", "peer", "name", "lcdummy1");

        var error = Assert.Throws<ContainerException>(() => TestNetns.RunIn(host, () => NetworkSetup.Attach([Veth("lcdummy0", "172.17.0.2/16")], null, pid)));
        Assert.Equal(ContainerErrorKind.ConfigInvalid, error.Kind);
        Assert.Contains("networks[0].bridge: device 'lcdummy0' exists but is not a bridge", error.Message);
        Assert.Equal(["lcdummy0", "lcdummy1", "lo"], Links(host).Order());
        Assert.Equal(["lo"], Links(c1));
    }

    [Fact]
    public void HostNameClash_RemovesTheBridgeItCreated()
    {
        using var ns = new TestNetns();
        var host = ns.Add("h");
        var c1 = ns.Add("c1");
        var pid = ns.StartSleeper(c1);
        TestNetns.Ip("-n", host, "link", "add", "lcclash0", "type", "veth", "peer", "name", "lcclash1");
        var network = Veth("lcbr3", "172.17.0.2/16");
        network.HostInterfaceName = "lcclash0";

        var error = Assert.Throws<SyscallException>(() => TestNetns.RunIn(host, () => NetworkSetup.Attach([network], null, pid)));
        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.StartsWith("netlink RTM_NEWLINK 'lcclash0' (create veth pair with peer lcp", error.Message);
        Assert.Equal(["lcclash0", "lcclash1", "lo"], Links(host).Order());
        Assert.Equal(["lo"], Links(c1));
    }

    [Fact]
    public void InvalidConfig_FailsBeforeTouchingAnything()
    {
        var error = Assert.Throws<ContainerException>(() =>
            NetworkSetup.Attach([new NetworkConfig { Type = "veth", Bridge = "br0", Address = "172.17.0.2/40" }], null, Environment.ProcessId));
        Assert.Contains("networks[0].address", error.Message);
    }

    [Fact]
    public void ContainerInTheRuntimesOwnNetns_IsRefused()
    {
        using var ns = new TestNetns();
        var host = ns.Add("h");
        var pid = ns.StartSleeper(host);
        var error = Assert.Throws<ContainerException>(() => TestNetns.RunIn(host, () => NetworkSetup.Attach([Veth("lcbr2", "172.17.0.2/16")], null, pid)));
        Assert.Contains("shares the runtime's network namespace", error.Message);
        Assert.Equal(["lo"], Links(host));
    }

    [Fact]
    public void LinkOperations_CreateMoveRenameMtuMacDelete()
    {
        using var ns = new TestNetns();
        var host = ns.Add("h");
        var c1 = ns.Add("c1");
        var pid = ns.StartSleeper(c1);
        TestNetns.RunIn(host, () =>
        {
            using var nl = Rtnetlink.Open();
            var a = nl.CreateVeth("lcopa", "lcopb");
            nl.SetMtu(a, 1280);
            nl.SetMacAddress(a, "02:00:00:00:00:0a");
            nl.Rename(a, "lcopa2");
            var renamed = nl.FindLink(a.Index)!;
            Assert.Equal(("lcopa2", 1280, "02:00:00:00:00:0a"), (renamed.Name, renamed.Mtu, renamed.MacAddress));
            nl.SetUp(renamed);
            var up = nl.GetLink("lcopa2");
            Assert.True(up.IsUp);
            Assert.NotNull(up.Stats); // IFLA_STATS64 comes with every link reply
            Assert.Contains(nl.ListLinks(), l => l.Name == "lcopb" && l.Kind == "veth");
            nl.SetDown(renamed);
            Assert.False(nl.GetLink("lcopa2").IsUp);
            nl.MoveToNetnsPid(nl.GetLink("lcopb"), pid);
            Assert.Null(nl.FindLink("lcopb"));
            var duplicate = Assert.Throws<SyscallException>(() => nl.CreateVeth("lcopa2", "lcopc"));
            Assert.Equal(Errno.EEXIST, duplicate.Errno);
            Assert.StartsWith("netlink RTM_NEWLINK 'lcopa2'", duplicate.Message);
        });
        Assert.Contains("lcopb", Links(c1));
        TestNetns.RunIn(host, () =>
        {
            using var nl = Rtnetlink.Open();
            Assert.True(nl.DeleteLink("lcopa2"));
            Assert.False(nl.DeleteLink("lcopa2"));
        });
        Assert.Equal(["lo"], Links(c1));
    }

    [Fact]
    public void LoopbackUp_ByPid()
    {
        using var ns = new TestNetns();
        var c1 = ns.Add("c1");
        var pid = ns.StartSleeper(c1);
        Assert.False(TestNetns.RunIn(c1, () => { using var nl = Rtnetlink.Open(); return nl.GetLink("lo").IsUp; }));
        TestNetns.RunIn(ns.Add("h"), () => NetworkSetup.LoopbackUp(pid));
        Assert.True(TestNetns.RunIn(c1, () => { using var nl = Rtnetlink.Open(); return nl.GetLink("lo").IsUp; }));
        Assert.True(TestNetns.Ping(c1, "127.0.0.1"));
    }

    [Fact]
    public void SetUpContainer_FromSpecAnnotations()
    {
        using var ns = new TestNetns();
        var host = ns.Add("h");
        var c1 = ns.Add("c1");
        var c2 = ns.Add("c2");
        var pid1 = ns.StartSleeper(c1);
        var pid2 = ns.StartSleeper(c2);
        var withNetworks = new Spec
        {
            Linux = new Linux { Namespaces = [new LinuxNamespace { Type = "network" }] },
            Annotations = new Dictionary<string, string>
            {
                [NetworkAnnotations.Networks] = """[{"type":"veth","bridge":"lcbr4","bridgeAddress":"172.17.42.1/16","address":"172.17.0.5/16"}]""",
                [NetworkAnnotations.Routes] = """[{"destination":"172.30.0.0/16","gateway":"172.17.42.1","interfaceName":"eth0"}]""",
            },
        };
        var plain = new Spec { Linux = new Linux { Namespaces = [new LinuxNamespace { Type = "network" }] } };

        var result = TestNetns.RunIn(host, () => NetworkSetup.SetUpContainer(withNetworks, pid1));
        Assert.NotNull(result);
        Assert.Contains(Routes(c1, "-4"), r => r.Dst == "172.30.0.0/16" && r.Gateway == "172.17.42.1");
        Assert.True(TestNetns.Ping(c1, "172.17.42.1"));
        Assert.True(TestNetns.Ping(c1, "127.0.0.1"), "lo is up without a loopback entry");
        Assert.Null(TestNetns.RunIn(host, () => NetworkSetup.SetUpContainer(plain, pid2)));
        Assert.Contains("127.0.0.1/8", Addresses(c2, "lo"));
        Assert.True(TestNetns.Ping(c2, "127.0.0.1"));
        TestNetns.RunIn(host, () => NetworkSetup.Detach(result!.HostInterfaces, result.CreatedBridges));
        Assert.Equal(["lo"], Links(host));
    }

    internal static List<string> Links(string netns) =>
        JsonDocument.Parse(TestNetns.Ip("-n", netns, "-j", "link", "show")).RootElement.EnumerateArray()
            .Select(l => l.GetProperty("ifname").GetString()!).ToList();

    internal static List<string> Addresses(string netns, string device) =>
        JsonDocument.Parse(TestNetns.Ip("-n", netns, "-j", "addr", "show", "dev", device)).RootElement.EnumerateArray()
            .SelectMany(l => l.GetProperty("addr_info").EnumerateArray())
            .Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}").ToList();

    internal sealed record Route(string? Dst, string? Gateway, string? Dev, string? PrefSrc);

    internal static List<Route> Routes(string netns, string family) =>
        JsonDocument.Parse(TestNetns.Ip("-n", netns, family, "-j", "route", "show")).RootElement.EnumerateArray()
            .Select(r => new Route(Str(r, "dst"), Str(r, "gateway"), Str(r, "dev"), Str(r, "prefsrc"))).ToList();

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
}
