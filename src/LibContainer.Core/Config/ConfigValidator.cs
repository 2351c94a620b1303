using LibContainer.Config.Validation;

namespace LibContainer.Config;

/// <summary>
/// Checks a spec for everything the runtime cannot honour, before anything is created. Returns every problem
/// found (empty when valid); each names the JSON path, the value and why.
/// </summary>
public static class ConfigValidator
{
    public static IReadOnlyList<ConfigError> Validate(Spec spec) => Validate(spec, ValidationOptions.Default);

    public static IReadOnlyList<ConfigError> Validate(Spec spec, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var v = new Validator(spec, options);
        SpecRules.Check(v);
        return v.Errors;
    }

    /// <summary>Throws ConfigException (with all errors) when the spec is invalid.</summary>
    public static void ThrowIfInvalid(Spec spec, ValidationOptions? options = null, string? source = null)
    {
        IReadOnlyList<ConfigError> errors = Validate(spec, options ?? ValidationOptions.Default);
        if (errors.Count > 0) throw new ConfigException(errors, source);
    }
}
