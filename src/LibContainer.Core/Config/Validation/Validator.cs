namespace LibContainer.Config.Validation;

/// <summary>Collects errors while the rule files walk a spec.</summary>
internal sealed class Validator
{
    readonly List<ConfigError> _errors = new();

    public IReadOnlyList<ConfigError> Errors => _errors;

    public void Error(string path, string message) => _errors.Add(new ConfigError(path, message));

    /// <summary>A value as it appears in JSON, for messages: strings quoted, null as null.</summary>
    public static string Q(string? value)
    {
        if (value is null) return "null";
        var sb = new System.Text.StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    public static string List(IEnumerable<string> names) => string.Join(", ", names);
}
