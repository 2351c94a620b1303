using LibContainer.Config;
using LibContainer.Network;
using Xunit;

namespace LibContainer.Tests.Network;

public class NetworkValidationTests
{
    [Theory]
    [InlineData("172.17.0.2/16", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("10.0.0.1/32", true)]
    [InlineData("fd00::2/64", true)]
    [InlineData("::/0", true)]
    [InlineData("172.17.0.2", false)]
    [InlineData("172.17.0.2/33", false)]
    [InlineData("172.17.0.300/16", false)]
    [InlineData("172.17/16", false)]
    [InlineData("10/8", false)]
    [InlineData("fd00::2/129", false)]
    [InlineData("fd00::2/", false)]
    [InlineData("fe80::1%eth0/64", false)]
    [InlineData("", false)]
    [InlineData("a.b.c.d/8", false)]
    public void Cidr(string text, bool valid)
    {
        Assert.Equal(valid, NetworkValidation.TryParseCidr(text, out _));
        var error = NetworkValidation.CheckCidr(text, "networks[0].address");
        if (valid) Assert.Null(error);
        else Assert.StartsWith("networks[0].address: ", error);
    }

    [Fact]
    public void ParseCidr_ThrowsConfigInvalidNamingTheField()
    {
        var e = Assert.Throws<ContainerException>(() => NetworkValidation.ParseCidr("1.2.3.4/40", "networks[1].address"));
        Assert.Equal(ContainerErrorKind.ConfigInvalid, e.Kind);
        Assert.Contains("networks[1].address", e.Message);
        Assert.Contains("1.2.3.4/40", e.Message);
    }

    [Theory]
    [InlineData("eth0", true)]
    [InlineData("veth1234567890a", true)]   // 15 bytes
    [InlineData("veth1234567890ab", false)] // 16 bytes
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("a\tb", false)]
    [InlineData("eth0:1", false)]
    [InlineData("ééééééééé", false)]        // 18 UTF-8 bytes
    public void InterfaceName(string name, bool valid)
    {
        var error = NetworkValidation.CheckInterfaceName(name, "networks[0].name");
        Assert.Equal(valid, error is null);
        if (!valid) Assert.StartsWith("networks[0].name: ", error);
    }

    [Theory]
    [InlineData("02:42:ac:11:00:02", true)]
    [InlineData("02:42:AC:11:00:02", true)]
    [InlineData("01:00:5e:00:00:01", false)] // multicast
    [InlineData("00:00:00:00:00:00", false)]
    [InlineData("02:42:ac:11:00", false)]
    [InlineData("02-42-ac-11-00-02", false)]
    [InlineData("02:42:ac:11:00:0g", false)]
    public void Mac(string mac, bool valid) => Assert.Equal(valid, NetworkValidation.CheckMac(mac, "m") is null);

    [Theory]
    [InlineData(68, true)]
    [InlineData(1500, true)]
    [InlineData(65535, true)]
    [InlineData(67, false)]
    [InlineData(65536, false)]
    [InlineData(0, false)]
    public void Mtu(int mtu, bool valid)
    {
        var error = NetworkValidation.CheckMtu(mtu, "networks[0].mtu");
        Assert.Equal(valid, error is null);
        if (!valid) Assert.Contains("68..65535", error);
    }

    [Fact]
    public void SeedConfigs_AreValid()
    {
        var networks = new List<NetworkConfig>
        {
            new() { Type = "loopback", Address = "127.0.0.1/0", Gateway = "localhost", Mtu = 1500 },
            new() { Type = "veth", Address = "172.17.0.101/16", Bridge = "docker0", VethPrefix = "veth", Gateway = "172.17.42.1", Mtu = 1500 },
        };
        var routes = new List<NetworkRoute> { new() { Destination = "0.0.0.0/0", Source = "172.17.0.101", Gateway = "172.17.42.1", InterfaceName = "eth0" } };
        Assert.Empty(NetworkValidation.Validate(networks, routes));
    }

    [Fact]
    public void Validate_ListsEveryProblemWithItsField()
    {
        var networks = new List<NetworkConfig>
        {
            new() { Type = "bogus" },
            new()
            {
                Type = "veth", Bridge = "a-very-long-bridge-name", Address = "172.17.0.2", Gateway = "fd00::1::",
                Ipv6Address = "172.17.0.3/16", MacAddress = "zz", Mtu = 10, VethPrefix = "averylongpre", Name = "eth 0",
            },
            new() { Type = "veth" },
        };
        var routes = new List<NetworkRoute>
        {
            new() { Destination = "10.0.0.0/8", Gateway = "fd00::1" },
            new() { Destination = "10.0.0.0/8" },
        };
        var errors = NetworkValidation.Validate(networks, routes);
        string[] expected =
        [
            "networks[0].type", "networks[1].bridge", "networks[1].name", "networks[1].vethPrefix", "networks[1].address",
            "networks[1].gateway", "networks[1].ipv6Address", "networks[1].macAddress", "networks[1].mtu",
            "networks[2].bridge", "routes[0].gateway", "routes[1]:",
        ];
        foreach (var field in expected)
            Assert.Contains(errors, e => e.StartsWith(field, StringComparison.Ordinal));
        Assert.Equal(expected.Length, errors.Count);

        var thrown = Assert.Throws<ContainerException>(() => NetworkValidation.ThrowIfInvalid(networks, routes));
        Assert.Equal(ContainerErrorKind.ConfigInvalid, thrown.Kind);
    }

    [Fact]
    public void Broadcast()
    {
        Assert.Equal("172.17.255.255", NetworkValidation.ParseCidr("172.17.0.2/16", "t").Broadcast().ToString());
        Assert.Equal("10.0.0.3", NetworkValidation.ParseCidr("10.0.0.1/30", "t").Broadcast().ToString());
    }

    [Fact]
    public void UniqueHostName_FitsIfnamsiz()
    {
        var name = VethStrategy.UniqueName("veth");
        Assert.StartsWith("veth", name);
        Assert.Equal(11, name.Length);
        Assert.Equal(15, VethStrategy.UniqueName("vethpref").Length);
        Assert.Null(NetworkValidation.CheckVethPrefix("vethpref", "p"));
        Assert.Contains("longer than 8 bytes", NetworkValidation.CheckVethPrefix("vethprefi", "p"));
        Assert.NotEqual(VethStrategy.UniqueName("veth"), VethStrategy.UniqueName("veth"));
    }
}
