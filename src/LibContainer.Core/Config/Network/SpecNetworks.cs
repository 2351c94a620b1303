using System.Text.Json;
using LibContainer.Config.Codec;

namespace LibContainer.Config;

/// <summary>Reads and writes the runtime's network list and routes kept as JSON in a spec's annotations
/// (<see cref="NetworkAnnotations"/>).</summary>
public static class SpecNetworks
{
    /// <summary>The networks of the spec (empty when the annotation is absent). Throws ConfigException when the
    /// annotation is not a JSON array of network objects.</summary>
    public static IReadOnlyList<NetworkConfig> GetNetworks(Spec spec)
        => Read(spec, NetworkAnnotations.Networks, SpecReader.ReadNetworks);

    /// <summary>The routes of the spec (empty when the annotation is absent).</summary>
    public static IReadOnlyList<NetworkRoute> GetRoutes(Spec spec)
        => Read(spec, NetworkAnnotations.Routes, SpecReader.ReadRoutes);

    public static void SetNetworks(Spec spec, IEnumerable<NetworkConfig> networks)
        => Write(spec, NetworkAnnotations.Networks, SpecWriter.ToJson(networks.ToList(), SpecWriter.Write, SpecWriter.CompactPlain));

    public static void SetRoutes(Spec spec, IEnumerable<NetworkRoute> routes)
        => Write(spec, NetworkAnnotations.Routes, SpecWriter.ToJson(routes.ToList(), SpecWriter.Write, SpecWriter.CompactPlain));

    internal static bool TryRead<T>(string json, Func<string, List<T>?> parse, out List<T> items, out string? error) where T : class
    {
        items = [];
        error = null;
        try
        {
            List<T>? list = parse(json);
            if (list is null) { error = "is null, expected a JSON array"; return false; }
            if (list.Any(i => i is null)) { error = "has a null entry"; return false; }
            items = list;
            return true;
        }
        catch (JsonException e)
        {
            string where = e.Path is { Length: > 1 } path ? $" (at {JsonErrorText.ConfigPath(path)})" : "";
            error = e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                ? $"is not a JSON array of {typeof(T).Name} objects{where}"
                : $"is not valid JSON{where}: {JsonErrorText.Reason(e.Message)}";
            return false;
        }
    }

    static List<T> Read<T>(Spec spec, string key, Func<string, List<T>?> parse) where T : class
    {
        if (spec.Annotations is null || !spec.Annotations.TryGetValue(key, out string? json) || json is null) return [];
        if (TryRead(json, parse, out List<T> items, out string? error)) return items;
        throw new ConfigException([new ConfigError($"annotations[\"{key}\"]", error!)]);
    }

    static void Write(Spec spec, string key, string json)
    {
        spec.Annotations ??= new Dictionary<string, string>();
        spec.Annotations[key] = json;
    }
}
