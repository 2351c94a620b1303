namespace LibContainer.Config;

/// <summary>A config that cannot be loaded, is invalid (<see cref="ContainerErrorKind.ConfigInvalid"/>) or cannot run
/// on this host (<see cref="ContainerErrorKind.HostUnsupported"/>); carries every error found, not just the first
/// (<see cref="ContainerException.JsonPath"/> is the first one's path).</summary>
public sealed class ConfigException : ContainerException
{
    public ConfigException(IReadOnlyList<ConfigError> errors, string? source = null, ContainerErrorKind kind = ContainerErrorKind.ConfigInvalid)
        : base(kind, Prefix(kind, source) + ": " + string.Join("; ", errors))
    {
        Errors = errors;
        ConfigSource = source;
        JsonPath = errors.Count > 0 && errors[0].Path.Length > 0 ? errors[0].Path : null;
    }

    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Prefix(ContainerErrorKind kind, string? source) =>
        (kind == ContainerErrorKind.HostUnsupported ? "this host cannot run config" : "invalid config") + (source is null ? "" : " " + source);

    /// <summary>The file (or other origin) the config came from, when known.</summary>
    public string? ConfigSource { get; }
}
