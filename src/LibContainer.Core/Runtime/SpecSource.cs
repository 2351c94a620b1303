using LibContainer.Config;

namespace LibContainer.Runtime;

/// <summary>The runtime's one way to read a bundle's config (config.json or a seed container.json, validated).</summary>
public static class SpecSource
{
    public static Spec LoadBundle(string bundle) => ConfigLoader.LoadBundle(bundle);
}
