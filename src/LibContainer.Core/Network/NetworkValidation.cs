using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LibContainer.Config;

namespace LibContainer.Network;

/// <summary>
/// Pure checks of network names and addresses, shared by the config validator and the network setup.
/// Each Check* returns null when the value is fine, otherwise a message that names the field.
/// </summary>
public static class NetworkValidation
{
    public const int MaxInterfaceNameBytes = 15; // IFNAMSIZ - 1
    public const int MinMtu = 68, MaxMtu = 65535;
    /// <summary>The host veth name is prefix + this many random hex characters (so a prefix has at most 8 bytes).</summary>
    public const int VethSuffixLength = 7;
    public const int MaxVethPrefixBytes = MaxInterfaceNameBytes - VethSuffixLength;

    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Contains('%') || text.Any(char.IsWhiteSpace)) return false;
        if (text.Contains(':'))
            return IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6;
        // IPAddress.TryParse also takes "10" or "10.1" (inet_aton forms); require the dotted quad.
        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, CultureInfo.InvariantCulture) > 255))
            return false;
        address = IPAddress.Parse(text);
        return true;
    }

    public static bool TryParseCidr(string? text, out IpPrefix prefix)
    {
        prefix = default;
        if (string.IsNullOrEmpty(text)) return false;
        var slash = text.IndexOf('/');
        if (slash < 0) return false;
        var lengthText = text[(slash + 1)..];
        if (lengthText.Length is 0 or > 3 || !lengthText.All(char.IsAsciiDigit)) return false;
        if (!TryParseAddress(text[..slash], out var address)) return false;
        var length = int.Parse(lengthText, CultureInfo.InvariantCulture);
        if (length > (address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32)) return false;
        prefix = new IpPrefix(address, length);
        return true;
    }

    /// <summary>Parses CIDR or throws a config error naming the field.</summary>
    public static IpPrefix ParseCidr(string? text, string field) =>
        TryParseCidr(text, out var p) ? p : throw Invalid(CheckCidr(text, field)!);

    public static IPAddress ParseAddress(string? text, string field) =>
        TryParseAddress(text, out var a) ? a : throw Invalid(CheckAddress(text, field)!);

    public static string? CheckCidr(string? text, string field) => TryParseCidr(text, out _)
        ? null
        : $"{field}: '{text}' is not a valid CIDR address (expected e.g. 172.17.0.2/16 or fd00::2/64)";

    public static string? CheckAddress(string? text, string field) => TryParseAddress(text, out _)
        ? null
        : $"{field}: '{text}' is not a valid IP address (expected e.g. 172.17.0.1 or fd00::1)";

    /// <summary>The kernel's rules for a device name (dev_valid_name): 1..15 bytes, not "." or "..", no '/', ':' or whitespace.</summary>
    public static string? CheckInterfaceName(string? name, string field)
    {
        if (string.IsNullOrEmpty(name)) return $"{field}: interface name is empty";
        if (Encoding.UTF8.GetByteCount(name) > MaxInterfaceNameBytes)
            return $"{field}: interface name '{name}' is longer than {MaxInterfaceNameBytes} bytes";
        if (name is "." or "..") return $"{field}: interface name '{name}' is not allowed";
        if (name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c) || char.IsControl(c)))
            return $"{field}: interface name '{name}' contains '/', ':', whitespace or a control character";
        return null;
    }

    public static string? CheckVethPrefix(string? prefix, string field)
    {
        if (string.IsNullOrEmpty(prefix)) return null; // the default prefix is used
        var error = CheckInterfaceName(prefix, field);
        if (error is not null) return error;
        return Encoding.UTF8.GetByteCount(prefix) > MaxVethPrefixBytes
            ? $"{field}: veth prefix '{prefix}' is longer than {MaxVethPrefixBytes} bytes (the runtime appends a {VethSuffixLength}-character suffix)"
            : null;
    }

    public static bool TryParseMac(string? text, out byte[] mac)
    {
        mac = [];
        if (text is null || text.Length != 17) return false;
        var parts = text.Split(':');
        if (parts.Length != 6) return false;
        var bytes = new byte[6];
        for (var i = 0; i < 6; i++)
            if (parts[i].Length != 2 || !byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
                return false;
        mac = bytes;
        return true;
    }

    public static string? CheckMac(string? text, string field)
    {
        if (!TryParseMac(text, out var mac))
            return $"{field}: '{text}' is not a valid MAC address (expected six hex pairs, e.g. 02:42:ac:11:00:02)";
        if ((mac[0] & 1) != 0) return $"{field}: '{text}' is a multicast MAC address; an interface needs a unicast one";
        if (mac.All(b => b == 0)) return $"{field}: '{text}' is the all-zero MAC address";
        return null;
    }

    public static string? CheckMtu(int? mtu, string field) => mtu is null || mtu is >= MinMtu and <= MaxMtu
        ? null
        : $"{field}: MTU {mtu} is out of range ({MinMtu}..{MaxMtu})";

    /// <summary>Every problem in the networks and routes, each naming its field (e.g. "networks[1].address").</summary>
    public static List<string> Validate(IReadOnlyList<NetworkConfig> networks, IReadOnlyList<NetworkRoute>? routes)
    {
        var errors = new List<string>();
        void Add(string? e) { if (e is not null) errors.Add(e); }
        for (var i = 0; i < networks.Count; i++)
        {
            var n = networks[i];
            var f = $"networks[{i}]";
            switch (n.Type)
            {
                case NetworkTypes.Loopback:
                    break; // the seed's loopback entries carry address/gateway ("localhost") that are not used
                case NetworkTypes.Veth:
                    if (string.IsNullOrEmpty(n.Bridge)) errors.Add($"{f}.bridge: a veth network needs a bridge");
                    else Add(CheckInterfaceName(n.Bridge, $"{f}.bridge"));
                    if (n.Name is not null) Add(CheckInterfaceName(n.Name, $"{f}.name"));
                    if (n.HostInterfaceName is not null) Add(CheckInterfaceName(n.HostInterfaceName, $"{f}.hostInterfaceName"));
                    Add(CheckVethPrefix(n.VethPrefix, $"{f}.vethPrefix"));
                    if (n.BridgeAddress is not null) Add(CheckCidr(n.BridgeAddress, $"{f}.bridgeAddress"));
                    // address/gateway take either family (as the config validator does); the ipv6 fields only IPv6.
                    if (n.Address is not null) Add(CheckCidr(n.Address, $"{f}.address"));
                    if (n.Gateway is not null) Add(CheckAddress(n.Gateway, $"{f}.gateway"));
                    if (n.Ipv6Address is not null) Add(CheckFamily(n.Ipv6Address, true, $"{f}.ipv6Address", cidr: true));
                    if (n.Ipv6Gateway is not null) Add(CheckFamily(n.Ipv6Gateway, true, $"{f}.ipv6Gateway", cidr: false));
                    if (n.MacAddress is not null) Add(CheckMac(n.MacAddress, $"{f}.macAddress"));
                    Add(CheckMtu(n.Mtu, $"{f}.mtu"));
                    break;
                default:
                    errors.Add($"{f}.type: unknown network type '{n.Type}' (expected '{NetworkTypes.Loopback}' or '{NetworkTypes.Veth}')");
                    break;
            }
        }
        for (var i = 0; routes is not null && i < routes.Count; i++)
        {
            var r = routes[i];
            var f = $"routes[{i}]";
            bool? v6 = null;
            if (!string.IsNullOrEmpty(r.Destination))
            {
                Add(CheckCidr(r.Destination, $"{f}.destination"));
                if (TryParseCidr(r.Destination, out var d)) v6 = d.IsIPv6;
            }
            foreach (var (value, name) in new[] { (r.Gateway, "gateway"), (r.Source, "source") })
            {
                if (string.IsNullOrEmpty(value)) continue;
                if (!TryParseAddress(value, out var a)) { Add(CheckAddress(value, $"{f}.{name}")); continue; }
                var isV6 = a.AddressFamily == AddressFamily.InterNetworkV6;
                if (v6 is bool expected && expected != isV6) errors.Add($"{f}.{name}: '{value}' is not of the same address family as the route's destination");
                v6 ??= isV6;
            }
            if (string.IsNullOrEmpty(r.Gateway) && string.IsNullOrEmpty(r.InterfaceName))
                errors.Add($"{f}: a route needs a gateway or an interfaceName");
            if (!string.IsNullOrEmpty(r.InterfaceName)) Add(CheckInterfaceName(r.InterfaceName, $"{f}.interfaceName"));
        }
        return errors;
    }

    /// <summary>Throws one <see cref="ContainerException"/> (ConfigInvalid) listing every problem.</summary>
    public static void ThrowIfInvalid(IReadOnlyList<NetworkConfig> networks, IReadOnlyList<NetworkRoute>? routes)
    {
        var errors = Validate(networks, routes);
        if (errors.Count > 0) throw Invalid("invalid network config: " + string.Join("; ", errors));
    }

    private static string? CheckFamily(string text, bool wantV6, string field, bool cidr)
    {
        var error = cidr ? CheckCidr(text, field) : CheckAddress(text, field);
        if (error is not null) return error;
        var isV6 = cidr ? ParseCidr(text, field).IsIPv6 : ParseAddress(text, field).AddressFamily == AddressFamily.InterNetworkV6;
        return isV6 == wantV6 ? null : $"{field}: '{text}' is {(isV6 ? "an IPv6" : "an IPv4")} address; this field takes {(wantV6 ? "IPv6" : "IPv4")}";
    }

    private static ContainerException Invalid(string message) => new(ContainerErrorKind.ConfigInvalid, message);
}

/// <summary>The network strategies (the seed's `type` values).</summary>
public static class NetworkTypes
{
    public const string Loopback = "loopback";
    public const string Veth = "veth";
}
