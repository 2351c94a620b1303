using LibContainer.Config.Codec;
using LibContainer.Network;

namespace LibContainer.Config.Validation;

/// <summary>
/// The network list and routes in the annotations (see <see cref="NetworkAnnotations"/>): the JSON must read, the
/// entries must pass <see cref="NetworkValidation"/> (the same checks the network setup applies), and a veth network
/// needs a network namespace.
/// </summary>
internal static class NetworkAnnotationRules
{
    static readonly string NetworksPath = Validator.Key("annotations", NetworkAnnotations.Networks);
    static readonly string RoutesPath = Validator.Key("annotations", NetworkAnnotations.Routes);

    public static void Check(Validator v)
    {
        if (v.Spec.Annotations is not { } ann) return;

        List<NetworkConfig> networks = [];
        List<NetworkRoute> routes = [];
        bool readable = true;
        if (ann.TryGetValue(NetworkAnnotations.Networks, out string? nets) && nets is not null)
            readable &= Read(v, NetworksPath, nets, SpecReader.ReadNetworks, out networks);
        if (ann.TryGetValue(NetworkAnnotations.Routes, out string? rts) && rts is not null)
            readable &= Read(v, RoutesPath, rts, SpecReader.ReadRoutes, out routes);
        if (!readable) return;

        for (int i = 0; i < networks.Count; i++)
            if (networks[i].Type == NetworkTypes.Veth && !v.HasNamespace("network"))
                v.Error($"{NetworksPath}[{i}].type", $"a veth network needs a network namespace ({Validator.NoNamespace("network")})");

        foreach (string error in NetworkValidation.Validate(networks, routes))
        {
            // "networks[1].bridge: message" → annotations["org.libcontainer.networks"][1].bridge
            int colon = error.IndexOf(": ", StringComparison.Ordinal);
            string field = colon < 0 ? "" : error[..colon];
            string message = colon < 0 ? error : error[(colon + 2)..];
            v.Error(AnnotationPath(field), message);
        }
    }

    static bool Read<T>(Validator v, string path, string json, Func<string, List<T>?> parse, out List<T> items) where T : class
    {
        if (SpecNetworks.TryRead(json, parse, out items, out string? error)) return true;
        v.Error(path, error!);
        return false;
    }

    static string AnnotationPath(string field)
    {
        string path = field.StartsWith("networks", StringComparison.Ordinal) ? NetworksPath + field["networks".Length..]
            : field.StartsWith("routes", StringComparison.Ordinal) ? RoutesPath + field["routes".Length..]
            : NetworksPath;
        // The annotations use the model's camelCase names.
        return path.Replace(".veth_prefix", ".vethPrefix", StringComparison.Ordinal)
            .Replace(".mac_address", ".macAddress", StringComparison.Ordinal)
            .Replace(".interface_name", ".interfaceName", StringComparison.Ordinal);
    }
}
