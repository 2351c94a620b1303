// Linux containers: the module runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace LibContainer.PowerShell.Runtime;

/// <summary>Where the module finds nsinit, the state root and its bundles; each overridable by environment.</summary>
internal static class ModulePaths
{
    public const string NameAnnotation = "org.libcontainer.name";

    /// <summary>"true": the module removes the container when it sees it stop (New-Container -AutoRemove).</summary>
    public const string AutoRemoveAnnotation = "org.libcontainer.autoremove";

    /// <summary>nsinit --root: nsinit's own default for this user (root's /run/nsinit, a user's runtime directory);
    /// LIBCONTAINER_ROOT overrides (tests use a private root).</summary>
    public static string StateRoot => Env("LIBCONTAINER_ROOT") ?? LibContainer.Runtime.StateRoots.Default;

    /// <summary>Directory under which New-Container writes bundles it owns (a non-root user's: in their runtime directory).</summary>
    public static string BundleRoot => Env("LIBCONTAINER_BUNDLE_ROOT")
        ?? (IsRoot ? "/run/libcontainer/bundles" : Path.Combine(LibContainer.Runtime.StateRoots.UserRuntimeDir(), "libcontainer", "bundles"));

    /// <summary>Whether the module runs as root; otherwise New-Container makes rootless containers.</summary>
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>The staged nsinit beside the module dll; LIBCONTAINER_NSINIT overrides.</summary>
    public static string Nsinit =>
        Env("LIBCONTAINER_NSINIT") ?? Path.Combine(Path.GetDirectoryName(typeof(ModulePaths).Assembly.Location) ?? ".", "nsinit");

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
