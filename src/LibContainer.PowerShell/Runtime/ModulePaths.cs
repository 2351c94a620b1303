// Linux containers: the module runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace LibContainer.PowerShell.Runtime;

/// <summary>Where the module finds nsinit, the state root and its bundles; each overridable by environment.</summary>
internal static class ModulePaths
{
    public const string NameAnnotation = "org.libcontainer.name";

    /// <summary>"true": the module removes the container when it sees it stop (New-Container -AutoRemove).</summary>
    public const string AutoRemoveAnnotation = "org.libcontainer.autoremove";

    /// <summary>nsinit --root; LIBCONTAINER_ROOT overrides (tests use a private root).</summary>
    public static string StateRoot => Env("LIBCONTAINER_ROOT") ?? "/run/nsinit";

    /// <summary>Directory under which New-Container writes bundles it owns.</summary>
    public static string BundleRoot => Env("LIBCONTAINER_BUNDLE_ROOT") ?? "/run/libcontainer/bundles";

    /// <summary>The staged nsinit beside the module dll; LIBCONTAINER_NSINIT overrides.</summary>
    public static string Nsinit =>
        Env("LIBCONTAINER_NSINIT") ?? Path.Combine(Path.GetDirectoryName(typeof(ModulePaths).Assembly.Location) ?? ".", "nsinit");

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
