namespace LibContainer.Config;

/// <summary>A config that cannot be loaded or is invalid; carries every error found, not just the first.</summary>
public sealed class ConfigException : ContainerException
{
    public ConfigException(IReadOnlyList<ConfigError> errors, string? source = null)
        : base(ContainerErrorKind.ConfigInvalid,
            (source is null ? "invalid config" : $"invalid config {source}") + ": " + string.Join("; ", errors))
    {
        Errors = errors;
        ConfigSource = source;
    }

    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>The file (or other origin) the config came from, when known.</summary>
    public string? ConfigSource { get; }
}
