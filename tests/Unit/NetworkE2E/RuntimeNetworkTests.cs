using System.Text.Json;
using LibContainer.Config;
using LibContainer.Network;
using Xunit;

namespace LibContainer.Tests.NetworkE2E;

/// <summary>
/// Networking end to end through the published nsinit, which runs inside a namespace this test owns
/// (<see cref="RuntimeNetns"/>): lo, veth on a bridge the runtime creates, MTU/MAC/routes, stats, teardown.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RuntimeNetworkTests : IDisposable
{
    private readonly RuntimeNetns _ns = new();

    public void Dispose() => _ns.Dispose();

    [Fact]
    public void New_Network_Namespace_Has_Lo_Up_Without_Annotations()
    {
        var spec = _ns.Harness.DefaultSpec("/bin/sh", "-c", "cat /sys/class/net/lo/flags; ip link show lo; ping -c1 -W2 127.0.0.1 >/dev/null && echo PING-OK");
        Assert.Null(spec.Annotations?.GetValueOrDefault(NetworkAnnotations.Networks));
        var r = _ns.Run(spec);
        Assert.True(r.ExitCode == 0, r.ToString());
        var flags = Convert.ToInt32(r.Stdout.Split('\n')[0].Trim(), 16);
        Assert.True((flags & 1) == 1, "IFF_UP not set on lo: " + r);
        Assert.Contains("<LOOPBACK,UP,LOWER_UP>", r.Stdout);
        Assert.Contains("PING-OK", r.Stdout);
        Assert.Empty(_ns.Veths());
    }

    [Fact]
    public void Two_Containers_On_One_Bridge_Ping_Each_Other_And_The_Bridge()
    {
        var a = _ns.Create(_ns.VethSpec("172.17.0.2/16", ["/bin/sleep", "60"]));
        var b = _ns.Create(_ns.VethSpec("172.17.0.3/16", ["/bin/sleep", "60"]));
        Assert.Equal(2, _ns.Veths().Count);
        Assert.Contains("172.17.42.1/16", _ns.IpHere("-o", "addr", "show", "dev", "lc0"));

        foreach (var (id, peer) in new[] { (a, "172.17.0.3"), (b, "172.17.0.2") })
        {
            foreach (var target in new[] { peer, RuntimeNetns.Gateway })
            {
                var ping = _ns.Nsi("exec", id, "ping", "-c1", "-W2", target);
                Assert.True(ping.ExitCode == 0, $"{id} -> {target}: {ping}");
            }
        }
        var fromHost = _ns.Exec("busybox", "ping", "-c1", "-W2", "172.17.0.2");
        Assert.True(fromHost.ExitCode == 0, "bridge host -> container: " + fromHost);

        _ns.Delete(a);
        _ns.Delete(b);
        Assert.Empty(_ns.Veths());
    }

    [Fact]
    public void Mtu_Mac_And_Routes_As_Configured()
    {
        var routes = new List<NetworkRoute>
        {
            new() { Destination = "10.10.0.0/16", Gateway = RuntimeNetns.Gateway, Source = "172.17.0.5", InterfaceName = "eth0" },
            new() { Destination = "192.168.77.0/24", InterfaceName = "eth0" },
        };
        var spec = _ns.VethSpec("172.17.0.5/16",
            ["/bin/sh", "-c", "cat /sys/class/net/eth0/mtu /sys/class/net/eth0/address; ip route"],
            n => { n.Mtu = 1400; n.MacAddress = "02:42:ac:11:00:05"; }, routes);
        var r = _ns.Run(spec);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.Equal("1400", lines[0]);
        Assert.Equal("02:42:ac:11:00:05", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("default via 172.17.42.1 dev eth0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("10.10.0.0/16 via 172.17.42.1 dev eth0", StringComparison.Ordinal) && l.Contains("src 172.17.0.5"));
        Assert.Contains(lines, l => l.StartsWith("192.168.77.0/24 dev eth0", StringComparison.Ordinal) && l.Contains("scope link"));
        Assert.Empty(_ns.Veths()); // run deleted the container
    }

    [Fact]
    public void Stats_Counters_Grow_After_Traffic()
    {
        var id = _ns.Create(_ns.VethSpec("172.17.0.7/16", ["/bin/sleep", "60"]));
        int pid = _ns.Record(id).Pid;
        var before = NetworkStats.Read(pid).Single(i => i.Name == "eth0");
        var ping = _ns.Exec("busybox", "ping", "-c3", "-i0.2", "-W2", "172.17.0.7");
        Assert.True(ping.ExitCode == 0, ping.ToString());
        var after = NetworkStats.Read(pid).Single(i => i.Name == "eth0");
        Assert.True(after.RxPackets >= before.RxPackets + 3, $"rx packets {before.RxPackets} -> {after.RxPackets}");
        Assert.True(after.TxPackets >= before.TxPackets + 3, $"tx packets {before.TxPackets} -> {after.TxPackets}");
        Assert.True(after.RxBytes > before.RxBytes && after.TxBytes > before.TxBytes);

        // The same counters through `nsinit events --stats` (runc's network_interfaces: Go field names, no json tags).
        var events = _ns.Nsi("events", "--stats", id);
        Assert.True(events.ExitCode == 0, events.ToString());
        var eth0 = JsonDocument.Parse(events.Stdout).RootElement.GetProperty("data").GetProperty("network_interfaces")
            .EnumerateArray().Single(i => i.GetProperty("Name").GetString() == "eth0");
        Assert.True(eth0.GetProperty("RxPackets").GetUInt64() >= after.RxPackets, events.Stdout);
        Assert.True(eth0.GetProperty("TxBytes").GetUInt64() >= after.TxBytes, events.Stdout);
    }

    [Fact]
    public void Delete_Removes_The_Host_Veth_Also_When_Stopped()
    {
        var running = _ns.Create(_ns.VethSpec("172.17.0.8/16", ["/bin/sleep", "60"]), start: false);
        var stopped = _ns.Create(_ns.VethSpec("172.17.0.9/16", ["/bin/sleep", "60"]));
        var hostEnds = new[] { running, stopped }.Select(id => Assert.Single(_ns.Record(id).HostInterfaces!)).ToList();
        Assert.All(hostEnds, h => Assert.StartsWith("lce", h));
        Assert.Equal(hostEnds.Order(), _ns.Veths().Order());
        Assert.Contains("master lc0", _ns.IpHere("link", "show", hostEnds[0]));

        Assert.Equal(0, _ns.Nsi("kill", stopped, "KILL").ExitCode);
        for (int i = 0; i < 100 && !_ns.Nsi("state", stopped).Stdout.Contains("\"stopped\""); i++) Thread.Sleep(20);
        _ns.Delete(stopped);
        Assert.Equal([hostEnds[0]], _ns.Veths());
        _ns.Delete(running);
        Assert.Empty(_ns.Veths());
        Assert.Contains("lc0", _ns.IpHere("link", "show", "type", "bridge")); // the bridge stays, like docker0
    }

    [Fact]
    public void Delete_Removes_A_Created_Bridge_When_Asked_And_Empty()
    {
        var first = _ns.Create(_ns.VethSpec("172.17.0.12/16", ["/bin/sleep", "60"], n => n.RemoveBridge = true));
        var second = _ns.Create(_ns.VethSpec("172.17.0.13/16", ["/bin/sleep", "60"]));
        Assert.Equal(["lc0"], _ns.Record(first).RemoveBridges!);
        _ns.Delete(second);
        _ns.Delete(first);
        Assert.Empty(_ns.Veths());
        Assert.DoesNotContain("lc0", _ns.IpHere("link", "show"));
    }

    [Fact]
    public void Failed_Attach_Leaves_No_Veth_Nor_Bridge()
    {
        var spec = _ns.VethSpec("172.17.0.10/16", ["/bin/true"],
            routes: [new() { Destination = "10.20.0.0/16", Gateway = "10.99.0.1", InterfaceName = "eth0" }]);
        var r = _ns.Run(spec);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("RTM_NEWROUTE", r.Stderr);
        Assert.Empty(_ns.Veths());
        Assert.DoesNotContain("lc0", _ns.IpHere("link", "show"));
        Assert.Empty(Directory.GetDirectories(_ns.Harness.Root));
    }

    [Fact]
    public void Failure_After_Network_Setup_Leaves_No_Veth_Nor_Bridge()
    {
        var r = _ns.Run(_ns.VethSpec("172.17.0.11/16", ["/no/such/binary"]));
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("/no/such/binary", r.Stderr);
        Assert.Empty(_ns.Veths());
        Assert.DoesNotContain("lc0", _ns.IpHere("link", "show"));
        Assert.Empty(Directory.GetDirectories(_ns.Harness.Root));
    }

    [Fact]
    public void Networks_Without_A_New_Network_Namespace_Are_Refused_Clearly()
    {
        var spec = _ns.Harness.DefaultSpec("/bin/true");
        spec.Linux!.Namespaces!.RemoveAll(n => n.Type == "network");
        SpecNetworks.SetNetworks(spec, [new NetworkConfig { Type = NetworkTypes.Loopback }]);
        var r = _ns.Run(spec);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("new network namespace", r.Stderr);
        Assert.Empty(Directory.GetDirectories(_ns.Harness.Root));
    }
}
