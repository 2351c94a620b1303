namespace LibContainer.Config;

// Contract of the config API others call. The `config` branch replaces these stubs (one class per file).

/// <summary>One validation problem: the JSON path, and what is wrong with the value there.</summary>
public sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A config that cannot be loaded or is invalid; carries every error found, not just the first.</summary>
public sealed class ConfigException : ContainerException
{
    public ConfigException(IReadOnlyList<ConfigError> errors, string? source = null)
        : base(ContainerErrorKind.ConfigInvalid,
            (source is null ? "invalid config" : $"invalid config {source}") + ": " + string.Join("; ", errors))
        => Errors = errors;

    public IReadOnlyList<ConfigError> Errors { get; }
}

public static class ConfigLoader
{
    /// <summary>Loads an OCI config.json or a seed container.json (detected by content), converts to the OCI model
    /// and validates; throws ConfigException with all errors (malformed JSON: line and column).</summary>
    public static Spec Load(string path) => throw new NotImplementedException();

    /// <summary>Loads BUNDLE/config.json (or BUNDLE/container.json) and resolves root.path against the bundle.</summary>
    public static Spec LoadBundle(string bundleDir) => throw new NotImplementedException();

    public static Spec Parse(string json, string? source = null) => throw new NotImplementedException();

    public static string ToJson(Spec spec) => throw new NotImplementedException();
}

public static class ConfigValidator
{
    public static IReadOnlyList<ConfigError> Validate(Spec spec) => throw new NotImplementedException();
}

public static class SpecDefaults
{
    /// <summary>The default config.json of `nsinit spec` (runc-like safe defaults).</summary>
    public static Spec Create(bool rootless = false) => throw new NotImplementedException();
}
