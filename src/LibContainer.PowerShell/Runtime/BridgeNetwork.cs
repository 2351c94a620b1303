using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using LibContainer.Config;
using LibContainer.Network;

namespace LibContainer.PowerShell.Runtime;

/// <summary>The -Network Bridge parameters as given (null: not given).</summary>
internal sealed record BridgeRequest(string Bridge, bool BridgeGiven, string? BridgeAddress, string? IPAddress, string? Gateway,
    string? MacAddress, int? Mtu);

/// <summary>
/// `-Network Bridge`: turns the cmdlet parameters into Core's veth network entry (docs/networking.md) with docker-like
/// defaults — bridge lc0 made with 10.89.0.1/16, the container's address picked from that subnet, the bridge as
/// gateway. Pure except <see cref="AddressesInUse"/>, which reads the state root.
/// </summary>
internal static class BridgeNetwork
{
    public const string DefaultBridge = "lc0";
    public const string DefaultBridgeAddress = "10.89.0.1/16";

    /// <summary>The veth entry; its Address is null when New-Container is to pick one (<see cref="AssignAddress"/>).</summary>
    public static NetworkConfig Build(BridgeRequest r)
    {
        Check(NetworkValidation.CheckInterfaceName(r.Bridge, "-Bridge"), "Bridge");
        IpPrefix? bridgeNet = null;
        var bridgeAddress = r.BridgeAddress ?? (r.BridgeGiven ? null : DefaultBridgeAddress);
        if (bridgeAddress is not null)
        {
            Check(NetworkValidation.CheckCidr(bridgeAddress, "-BridgeAddress"), "BridgeAddress");
            bridgeNet = NetworkValidation.ParseCidr(bridgeAddress, "-BridgeAddress");
        }

        IpPrefix? address = r.IPAddress is null ? null : ParseContainerAddress(r.IPAddress, bridgeNet);
        IPAddress? gateway = null;
        if (r.Gateway is not null)
        {
            Check(NetworkValidation.CheckAddress(r.Gateway, "-Gateway"), "Gateway");
            gateway = IPAddress.Parse(r.Gateway);
            var family = address?.Address.AddressFamily ?? bridgeNet?.Address.AddressFamily;
            if (family is { } f && gateway.AddressFamily != f)
                throw Invalid("Gateway", $"-Gateway '{r.Gateway}' is not of the same address family as the container's address.");
            if (address is { } a && gateway.Equals(a.Address))
                throw Invalid("Gateway", $"-Gateway '{r.Gateway}' is the container's own address.");
        }
        else if (bridgeNet is { } b && (address is null || Contains(b, address.Value.Address)))
        {
            gateway = b.Address; // the bridge routes for its containers, as docker0 does
        }
        if (r.MacAddress is not null) Check(NetworkValidation.CheckMac(r.MacAddress, "-MacAddress"), "MacAddress");

        return new NetworkConfig
        {
            Type = NetworkTypes.Veth,
            Name = "eth0",
            Bridge = r.Bridge,
            BridgeAddress = bridgeAddress,
            Address = address?.ToString(),
            Gateway = gateway?.ToString(),
            MacAddress = r.MacAddress?.ToLowerInvariant(),
            Mtu = r.Mtu,
        };
    }

    /// <summary>The network list of a container on a bridge: loopback plus the veth.</summary>
    public static void Apply(Spec spec, NetworkConfig veth) =>
        SpecNetworks.SetNetworks(spec, [new NetworkConfig { Type = NetworkTypes.Loopback }, veth]);

    /// <summary>Refuses an address another live container on the bridge has; picks the first free IPv4 host address of
    /// the bridge's subnet when none was given. False when there is nothing to pick from (no -BridgeAddress subnet).</summary>
    public static bool AssignAddress(NetworkConfig veth, IReadOnlyCollection<IPAddress> inUse)
    {
        if (veth.Address is not null)
        {
            var mine = NetworkValidation.ParseCidr(veth.Address, "-IPAddress").Address;
            if (inUse.Contains(mine))
                throw new NetworkParameterException(ErrorIds.NetworkAddressInUse, ErrorCategory.ResourceExists, "IPAddress",
                    $"The address {mine} is already used by another container on bridge '{veth.Bridge}'.",
                    "Choose another -IPAddress, or leave it out so that a free address is picked.");
            return true;
        }
        if (veth.BridgeAddress is null || !NetworkValidation.TryParseCidr(veth.BridgeAddress, out var net) || net.IsIPv6) return false;
        var start = ToUInt(net.Address) & Mask(net.PrefixLength);
        var end = start | ~Mask(net.PrefixLength);
        var first = net.PrefixLength >= 31 ? start : start + 1; // skip the network and broadcast addresses
        var last = net.PrefixLength >= 31 ? end : end - 1;
        for (var v = first; v <= last && v >= first; v++)
        {
            var candidate = FromUInt(v);
            if (candidate.Equals(net.Address) || inUse.Contains(candidate)) continue;
            veth.Address = new IpPrefix(candidate, net.PrefixLength).ToString();
            return true;
        }
        throw new NetworkParameterException(ErrorIds.NetworkAddressInUse, ErrorCategory.LimitsExceeded, "IPAddress",
            $"Every address of {net} on bridge '{veth.Bridge}' is used by a container.",
            "Remove containers that are no longer needed, or use another bridge with a larger -BridgeAddress subnet.");
    }

    /// <summary>Addresses of the containers in <paramref name="containers"/> that are not stopped and sit on
    /// <paramref name="bridge"/>.</summary>
    public static HashSet<IPAddress> AddressesInUse(IEnumerable<Container> containers, string bridge)
    {
        var used = new HashSet<IPAddress>();
        foreach (var c in containers)
        {
            if (c.State is ContainerState.Stopped or ContainerState.Unknown) continue;
            foreach (var n in VethNetworks(c.Config))
                if (n.Bridge == bridge && NetworkValidation.TryParseCidr(n.Address, out var p)) used.Add(p.Address);
        }
        return used;
    }

    /// <summary>The container's addresses (CIDR) on its veth networks, for the Container object.</summary>
    public static string[] Addresses(Spec spec) =>
        [.. VethNetworks(spec).SelectMany(n => new[] { n.Address, n.Ipv6Address }).OfType<string>().Where(a => a.Length > 0)];

    private static IEnumerable<NetworkConfig> VethNetworks(Spec spec)
    {
        try
        {
            return SpecNetworks.GetNetworks(spec).Where(n => n.Type == NetworkTypes.Veth);
        }
        catch (ConfigException)
        {
            return []; // a malformed annotation is the config validator's to report
        }
    }

    private static IpPrefix ParseContainerAddress(string text, IpPrefix? bridgeNet)
    {
        IpPrefix address;
        if (text.Contains('/'))
        {
            Check(NetworkValidation.CheckCidr(text, "-IPAddress"), "IPAddress");
            address = NetworkValidation.ParseCidr(text, "-IPAddress");
        }
        else
        {
            if (!NetworkValidation.TryParseAddress(text, out var plain))
                throw Invalid("IPAddress", $"-IPAddress '{text}' is not a valid IP address (expected e.g. 10.89.0.5, 10.89.0.5/16 or fd00::5/64).");
            if (bridgeNet is not { } b || b.Address.AddressFamily != plain.AddressFamily)
                throw Invalid("IPAddress", $"-IPAddress '{text}' has no prefix length and the bridge's subnet is not known: write it as CIDR (e.g. {text}/{(plain.AddressFamily == AddressFamily.InterNetworkV6 ? 64 : 16)}) or give -BridgeAddress.");
            address = new IpPrefix(plain, b.PrefixLength);
        }
        if (bridgeNet is { } net && net.Address.AddressFamily == address.Address.AddressFamily)
        {
            if (address.Address.Equals(net.Address))
                throw Invalid("IPAddress", $"-IPAddress '{text}' is the bridge's own address ({net}).");
            if (!Contains(net, address.Address))
                throw Invalid("IPAddress", $"-IPAddress '{text}' is not in the bridge's subnet {Network(net)} (-BridgeAddress {net}).");
        }
        if (!address.IsIPv6 && address.PrefixLength < 31)
        {
            var v = ToUInt(address.Address);
            var host = ~Mask(address.PrefixLength);
            if ((v & host) == 0 || (v & host) == host)
                throw Invalid("IPAddress", $"-IPAddress '{text}' is the network or broadcast address of its subnet, not a host address.");
        }
        return address;
    }

    private static bool Contains(IpPrefix net, IPAddress a)
    {
        if (net.Address.AddressFamily != a.AddressFamily) return false;
        var x = net.Address.GetAddressBytes();
        var y = a.GetAddressBytes();
        for (var bit = 0; bit < net.PrefixLength; bit++)
        {
            var m = (byte)(0x80 >> (bit % 8));
            if ((x[bit / 8] & m) != (y[bit / 8] & m)) return false;
        }
        return true;
    }

    private static string Network(IpPrefix p) => p.IsIPv6
        ? p.ToString()
        : new IpPrefix(FromUInt(ToUInt(p.Address) & Mask(p.PrefixLength)), p.PrefixLength).ToString();

    private static uint Mask(int prefix) => prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);

    private static uint ToUInt(IPAddress a)
    {
        var b = a.GetAddressBytes();
        return (uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3];
    }

    private static IPAddress FromUInt(uint v) => new([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);

    private static void Check(string? error, string parameter)
    {
        if (error is not null) throw Invalid(parameter, error + ".");
    }

    private static NetworkParameterException Invalid(string parameter, string message) =>
        new(ErrorIds.InvalidNetworkParameter, ErrorCategory.InvalidArgument, parameter, message,
            $"Fix -{parameter}; see Get-Help New-Container -Parameter {parameter}.");
}
