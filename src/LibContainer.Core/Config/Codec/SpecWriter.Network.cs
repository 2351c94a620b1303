using System.Text.Json;

namespace LibContainer.Config.Codec;

public static partial class SpecWriter
{
    internal static void WriteNetworkConfig(Utf8JsonWriter w, NetworkConfig o)
    {
        w.WriteStartObject();
        w.Str("type", o.Type);
        w.Str("name", o.Name);
        w.Str("bridge", o.Bridge);
        w.Str("bridgeAddress", o.BridgeAddress);
        w.Str("address", o.Address);
        w.Str("gateway", o.Gateway);
        w.Str("ipv6Address", o.Ipv6Address);
        w.Str("ipv6Gateway", o.Ipv6Gateway);
        w.Num("mtu", o.Mtu);
        w.Str("macAddress", o.MacAddress);
        w.Str("vethPrefix", o.VethPrefix);
        w.Bool("removeBridge", o.RemoveBridge);
        w.Str("hostInterfaceName", o.HostInterfaceName);
        w.EndObject(o);
    }

    internal static void WriteNetworkRoute(Utf8JsonWriter w, NetworkRoute o)
    {
        w.WriteStartObject();
        w.Str("destination", o.Destination);
        w.Str("source", o.Source);
        w.Str("gateway", o.Gateway);
        w.Str("interfaceName", o.InterfaceName);
        w.EndObject(o);
    }
}
