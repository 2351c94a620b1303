using System.Text.Json.Serialization;

namespace LibContainer.Config;

/// <summary>
/// A container network the runtime sets up itself (the seed's `networks` entries). OCI bundles carry the list as
/// JSON in the annotation <see cref="NetworkAnnotations.Networks"/>, routes in <see cref="NetworkAnnotations.Routes"/>.
/// </summary>
public sealed class NetworkConfig : JsonObjectBase
{
    /// <summary>"loopback" or "veth".</summary>
    public string Type { get; set; } = "";
    /// <summary>Interface name inside the container (veth: default eth0).</summary>
    public string? Name { get; set; }
    public string? Bridge { get; set; }
    /// <summary>Bridge address to assign when the runtime creates the bridge (CIDR).</summary>
    public string? BridgeAddress { get; set; }
    public string? Address { get; set; }
    public string? Gateway { get; set; }
    [JsonPropertyName("ipv6Address")] public string? Ipv6Address { get; set; }
    [JsonPropertyName("ipv6Gateway")] public string? Ipv6Gateway { get; set; }
    public int? Mtu { get; set; }
    public string? MacAddress { get; set; }
    public string? VethPrefix { get; set; }
    /// <summary>veth: delete removes the bridge too when this create made it and no interface is left on it.</summary>
    public bool? RemoveBridge { get; set; }
    /// <summary>Host-side veth name; chosen at create (prefix + unique suffix) and recorded in state.</summary>
    public string? HostInterfaceName { get; set; }
}

public sealed class NetworkRoute : JsonObjectBase
{
    public string? Destination { get; set; }
    public string? Source { get; set; }
    public string? Gateway { get; set; }
    public string? InterfaceName { get; set; }
}

public static class NetworkAnnotations
{
    public const string Networks = "org.libcontainer.networks";
    public const string Routes = "org.libcontainer.routes";
}
