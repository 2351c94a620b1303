using System.Text;
using System.Text.Json;

namespace LibContainer.Config;

/// <summary>The seed's `networks` and `routes`, kept as the JSON annotations of <see cref="NetworkAnnotations"/>.</summary>
internal static class SeedNetworks
{
    public static void Convert(SeedObject c, Spec spec)
    {
        var networks = new List<NetworkConfig>();
        foreach (SeedObject n in c.Objects("networks"))
        {
            long? mtu = n.Long("mtu");
            var net = new NetworkConfig
            {
                Type = n.Str("type") ?? "",
                Name = SeedConfigReader.NullIfEmpty(n.Str("name")),
                Bridge = SeedConfigReader.NullIfEmpty(n.Str("bridge")),
                VethPrefix = SeedConfigReader.NullIfEmpty(n.Str("veth_prefix")),
                MacAddress = SeedConfigReader.NullIfEmpty(n.Str("mac_address")),
                Address = SeedConfigReader.NullIfEmpty(n.Str("address")),
                Ipv6Address = SeedConfigReader.NullIfEmpty(n.Str("ipv6_address")),
                Gateway = SeedConfigReader.NullIfEmpty(n.Str("gateway")),
                Ipv6Gateway = SeedConfigReader.NullIfEmpty(n.Str("ipv6_gateway")),
                Mtu = mtu is null or 0 ? null : mtu is >= int.MinValue and <= int.MaxValue ? (int)mtu : int.MaxValue,
            };
            Keep(n, net);
            networks.Add(net);
        }
        if (networks.Count > 0) SpecNetworks.SetNetworks(spec, networks);

        var routes = new List<NetworkRoute>();
        foreach (SeedObject r in c.Objects("routes"))
        {
            var route = new NetworkRoute
            {
                Destination = SeedConfigReader.NullIfEmpty(r.Str("destination")),
                Source = SeedConfigReader.NullIfEmpty(r.Str("source")),
                Gateway = SeedConfigReader.NullIfEmpty(r.Str("gateway")),
                InterfaceName = SeedConfigReader.NullIfEmpty(r.Str("interface_name")),
            };
            Keep(r, route);
            routes.Add(route);
        }
        if (routes.Count > 0) SpecNetworks.SetRoutes(spec, routes);
    }

    /// <summary>Fields the model has no property for (txqueuelen, ns_path, …) are kept under their camelCase name.</summary>
    static void Keep(SeedObject o, JsonObjectBase target)
    {
        foreach ((string name, JsonElement value) in o.Unread())
            (target.ExtensionData ??= [])[CamelCase(name)] = value.Clone();
    }

    internal static string CamelCase(string snake)
    {
        var sb = new StringBuilder(snake.Length);
        bool upper = false;
        foreach (char ch in snake)
        {
            if (ch == '_') { upper = sb.Length > 0; continue; }
            sb.Append(upper ? char.ToUpperInvariant(ch) : ch);
            upper = false;
        }
        return sb.ToString();
    }
}
