using System.Text.Json;
using LibContainer.Config;

namespace LibContainer.PowerShell.Runtime;

/// <summary>The module's door to Core's config API (ConfigLoader, ConfigValidator, SpecDefaults).</summary>
internal static class ConfigBridge
{
    /// <summary>`nsinit spec`'s defaults with Docker's 14 default capabilities (what New-Container users expect)
    /// instead of runc spec's three.</summary>
    public static Spec Defaults(bool rootless)
    {
        var spec = SpecDefaults.Create(rootless);
        var caps = LibContainer.Security.Capabilities.DefaultSet;
        spec.Process!.Capabilities = new LinuxCapabilities { Bounding = [.. caps], Effective = [.. caps], Permitted = [.. caps] };
        return spec;
    }

    /// <summary>Loads and validates an OCI config.json or a seed container.json (ConfigException lists every problem).</summary>
    public static Spec Load(string path) => ConfigLoader.Load(path);

    public static Spec Parse(string json, string? source = null) => ConfigLoader.Parse(json, source);

    public static string ToJson(Spec spec) => ConfigLoader.ToJson(spec);

    public static IReadOnlyList<ConfigError> Validate(Spec spec) => ConfigValidator.Validate(spec);

    /// <summary>A deep copy (through JSON) so cmdlets never change a config object the user holds.</summary>
    public static Spec Clone(Spec spec) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(spec, OciJsonContext.Default.Spec), OciJsonContext.Default.Spec)!;
}
