using System.Text.Json;

namespace LibContainer.Config.Validation;

/// <summary>The network list and routes in the annotations (see <see cref="NetworkAnnotations"/>).</summary>
internal static class NetworkAnnotationRules
{
    public static void Check(Validator v)
    {
        if (v.Spec.Annotations is not { } ann) return;

        if (ann.TryGetValue(NetworkAnnotations.Networks, out string? nets) && nets is not null)
        {
            string path = Validator.Key("annotations", NetworkAnnotations.Networks);
            if (!SpecNetworks.TryRead(nets, static j => JsonSerializer.Deserialize(j, OciJsonContext.Default.ListNetworkConfig), out var list, out string? error))
                v.Error(path, error!);
            else
                for (int i = 0; i < list.Count; i++) Network(v, $"{path}[{i}]", list[i]);
        }

        if (ann.TryGetValue(NetworkAnnotations.Routes, out string? routes) && routes is not null)
        {
            string path = Validator.Key("annotations", NetworkAnnotations.Routes);
            if (!SpecNetworks.TryRead(routes, static j => JsonSerializer.Deserialize(j, OciJsonContext.Default.ListNetworkRoute), out var list, out string? error))
                v.Error(path, error!);
            else
                for (int i = 0; i < list.Count; i++) Route(v, $"{path}[{i}]", list[i]);
        }
    }

    static void Network(Validator v, string p, NetworkConfig n)
    {
        v.OneOf($"{p}.type", n.Type, ["loopback", "veth"], "a network type");
        // The seed's loopback entries carry address "127.0.0.1/0" and gateway "localhost", which loopback ignores.
        if (n.Type != "veth") return;
        if (!v.HasNamespace("network"))
            v.Error($"{p}.type", $"a veth network needs a network namespace ({Validator.NoNamespace("network")})");
        IfName(v, $"{p}.name", n.Name);
        IfName(v, $"{p}.bridge", n.Bridge);
        IfName(v, $"{p}.hostInterfaceName", n.HostInterfaceName);
        if (n.VethPrefix is not null && (n.VethPrefix.Length is 0 or > 8 || !ListSyntax.IsInterfaceName(n.VethPrefix)))
            v.Error($"{p}.vethPrefix", $"{Validator.Q(n.VethPrefix)} is not a veth prefix (1..8 interface-name characters; the runtime appends a 7-character suffix)");
        Cidr(v, $"{p}.address", n.Address, v4: true, v6: true);
        Cidr(v, $"{p}.bridgeAddress", n.BridgeAddress, v4: true, v6: true);
        Cidr(v, $"{p}.ipv6Address", n.Ipv6Address, v4: false, v6: true);
        Ip(v, $"{p}.gateway", n.Gateway);
        if (n.Ipv6Gateway is not null && !ListSyntax.IsIPv6(n.Ipv6Gateway))
            v.Error($"{p}.ipv6Gateway", $"{Validator.Q(n.Ipv6Gateway)} is not an IPv6 address");
        if (n.Mtu is int mtu) v.InRange($"{p}.mtu", mtu, 68, 65535);
        if (n.MacAddress is { } mac)
        {
            if (!ListSyntax.IsMac(mac))
                v.Error($"{p}.macAddress", $"{Validator.Q(mac)} is not a MAC address (expected six hex pairs like \"02:42:ac:11:00:02\")");
            else if ((Convert.ToByte(mac[..2], 16) & 1) != 0)
                v.Error($"{p}.macAddress", $"{Validator.Q(mac)} is a multicast address (the first byte must be even)");
        }
    }

    static void Route(Validator v, string p, NetworkRoute r)
    {
        Cidr(v, $"{p}.destination", r.Destination, v4: true, v6: true);
        Ip(v, $"{p}.source", r.Source);
        Ip(v, $"{p}.gateway", r.Gateway);
        IfName(v, $"{p}.interfaceName", r.InterfaceName);
    }

    static void IfName(Validator v, string path, string? name)
    {
        if (name is not null && !ListSyntax.IsInterfaceName(name))
            v.Error(path, $"{Validator.Q(name)} is not an interface name (1..15 characters, no '/', ':' or whitespace)");
    }

    static void Cidr(Validator v, string path, string? value, bool v4, bool v6)
    {
        if (value is not null && !ListSyntax.IsCidr(value, v4, v6))
            v.Error(path, v4
                ? $"{Validator.Q(value)} is not an address with prefix length (CIDR, e.g. \"172.17.0.2/16\")"
                : $"{Validator.Q(value)} is not an IPv6 address with prefix length (CIDR, e.g. \"fd00::2/64\")");
    }

    static void Ip(Validator v, string path, string? value)
    {
        if (value is not null && !ListSyntax.IsIP(value)) v.Error(path, $"{Validator.Q(value)} is not an IP address");
    }
}
