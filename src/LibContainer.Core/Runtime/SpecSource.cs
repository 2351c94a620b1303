using LibContainer.Config;
using LibContainer.Runtime.Trace;

namespace LibContainer.Runtime;

/// <summary>The runtime's one way to read a bundle's config (config.json or a seed container.json, validated).</summary>
public static class SpecSource
{
    public static Spec LoadBundle(string bundle)
    {
        PhaseTrace.Mark("load-config");
        return ConfigLoader.LoadBundle(bundle);
    }
}
