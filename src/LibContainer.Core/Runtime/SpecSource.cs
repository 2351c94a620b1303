using System.Text.Json;
using LibContainer.Config;

namespace LibContainer.Runtime;

/// <summary>The runtime's one way to read a bundle's config (switches to ConfigLoader when the config API lands).</summary>
public static class SpecSource
{
    public static Spec LoadBundle(string bundle)
    {
        string dir = Path.GetFullPath(bundle);
        string path = Path.Combine(dir, "config.json");
        if (!File.Exists(path)) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"open {path}: no such file or directory");
        Spec spec;
        try { spec = JsonSerializer.Deserialize(File.ReadAllText(path), OciJsonContext.Default.Spec) ?? new Spec(); }
        catch (JsonException e) { throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid config {path}: {e.Message}"); }
        if (spec.Root is null || spec.Root.Path.Length == 0) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid config {path}: root.path is required");
        spec.Root.Path = Path.GetFullPath(Path.Combine(dir, spec.Root.Path));
        return spec;
    }
}
