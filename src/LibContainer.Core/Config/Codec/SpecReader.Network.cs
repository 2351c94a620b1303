namespace LibContainer.Config.Codec;

public static partial class SpecReader
{
    const string NetworkConfigType = "LibContainer.Config.NetworkConfig";

    internal static NetworkConfig ReadNetworkConfig(ref OciJsonReader r) => r.Object<NetworkConfig>(NetworkConfigType, NetworkConfigProperty)!;
    static bool NetworkConfigProperty(ref OciJsonReader r, NetworkConfig o, string name)
    {
        switch (name)
        {
            case "type": o.Type = r.RequiredString(NetworkConfigType); break;
            case "name": o.Name = r.String(); break;
            case "bridge": o.Bridge = r.String(); break;
            case "bridgeAddress": o.BridgeAddress = r.String(); break;
            case "address": o.Address = r.String(); break;
            case "gateway": o.Gateway = r.String(); break;
            case "ipv6Address": o.Ipv6Address = r.String(); break;
            case "ipv6Gateway": o.Ipv6Gateway = r.String(); break;
            case "mtu": o.Mtu = r.NullableInt32(); break;
            case "macAddress": o.MacAddress = r.String(); break;
            case "vethPrefix": o.VethPrefix = r.String(); break;
            case "removeBridge": o.RemoveBridge = r.NullableBool(); break;
            case "hostInterfaceName": o.HostInterfaceName = r.String(); break;
            default: return false;
        }
        return true;
    }

    const string NetworkRouteType = "LibContainer.Config.NetworkRoute";

    internal static NetworkRoute ReadNetworkRoute(ref OciJsonReader r) => r.Object<NetworkRoute>(NetworkRouteType, NetworkRouteProperty)!;
    static bool NetworkRouteProperty(ref OciJsonReader r, NetworkRoute o, string name)
    {
        switch (name)
        {
            case "destination": o.Destination = r.String(); break;
            case "source": o.Source = r.String(); break;
            case "gateway": o.Gateway = r.String(); break;
            case "interfaceName": o.InterfaceName = r.String(); break;
            default: return false;
        }
        return true;
    }
}
