using System.Text.Json;
using System.Text.Json.Serialization;
using LibContainer.Config;

namespace LibContainer.Network;

/// <summary>
/// Reads the networks and routes an OCI bundle carries in its annotations (<see cref="NetworkAnnotations"/>):
/// JSON arrays with camelCase names, e.g. [{"type":"veth","bridge":"lc0","address":"172.17.0.2/16"}].
/// </summary>
public static class NetworkAnnotationReader
{
    public static IReadOnlyList<NetworkConfig> ReadNetworks(IReadOnlyDictionary<string, string>? annotations) =>
        Read(annotations, NetworkAnnotations.Networks, NetworkJsonContext.Default.ListNetworkConfig);

    public static IReadOnlyList<NetworkRoute> ReadRoutes(IReadOnlyDictionary<string, string>? annotations) =>
        Read(annotations, NetworkAnnotations.Routes, NetworkJsonContext.Default.ListNetworkRoute);

    public static string WriteNetworks(IEnumerable<NetworkConfig> networks) =>
        JsonSerializer.Serialize(networks.ToList(), NetworkJsonContext.Default.ListNetworkConfig);

    public static string WriteRoutes(IEnumerable<NetworkRoute> routes) =>
        JsonSerializer.Serialize(routes.ToList(), NetworkJsonContext.Default.ListNetworkRoute);

    private static List<T> Read<T>(IReadOnlyDictionary<string, string>? annotations, string key, System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<T>> type)
    {
        if (annotations is null || !annotations.TryGetValue(key, out var json) || string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? [];
        }
        catch (JsonException e)
        {
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"annotation {key}: not a valid JSON array: {e.Message}");
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(List<NetworkConfig>))]
[JsonSerializable(typeof(List<NetworkRoute>))]
internal sealed partial class NetworkJsonContext : JsonSerializerContext;
