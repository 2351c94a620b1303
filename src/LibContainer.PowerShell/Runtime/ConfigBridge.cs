using System.Text.Json;
using LibContainer.Config;

namespace LibContainer.PowerShell.Runtime;

/// <summary>
/// The module's door to Core's config API (ConfigLoader, ConfigValidator, SpecDefaults). While those are still
/// contract stubs (NotImplementedException) it falls back to plain OCI JSON and a minimal built-in check, so the
/// cmdlets work before the config branch lands.
/// </summary>
internal static class ConfigBridge
{
    public static Spec Defaults(bool rootless)
    {
        try { return SpecDefaults.Create(rootless); }
        catch (NotImplementedException) { return FallbackSpec.Create(rootless); }
    }

    public static Spec Load(string path)
    {
        try { return ConfigLoader.Load(path); }
        catch (NotImplementedException)
        {
            var spec = Parse(File.ReadAllText(path), path);
            var errors = Validate(spec);
            if (errors.Count > 0) throw new ConfigException(errors, path);
            return spec;
        }
    }

    public static Spec Parse(string json, string? source = null)
    {
        try { return ConfigLoader.Parse(json, source); }
        catch (NotImplementedException)
        {
            try
            {
                return JsonSerializer.Deserialize(json, OciJsonContext.Default.Spec)
                       ?? throw new ConfigException([new ConfigError("$", "the document is null")], source);
            }
            catch (JsonException e)
            {
                throw new ConfigException([new ConfigError(e.Path ?? "$",
                    $"malformed JSON at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}")], source);
            }
        }
    }

    public static string ToJson(Spec spec)
    {
        try { return ConfigLoader.ToJson(spec); }
        catch (NotImplementedException) { return JsonSerializer.Serialize(spec, OciJsonContext.Default.Spec); }
    }

    public static IReadOnlyList<ConfigError> Validate(Spec spec)
    {
        try { return ConfigValidator.Validate(spec); }
        catch (NotImplementedException) { return FallbackSpec.Validate(spec); }
    }

    /// <summary>A deep copy (through JSON) so cmdlets never change a config object the user holds.</summary>
    public static Spec Clone(Spec spec) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(spec, OciJsonContext.Default.Spec), OciJsonContext.Default.Spec)!;
}
