using System.Globalization;
using System.Text;

namespace LibContainer.Config.Validation;

/// <summary>Collects errors while the rule files walk a spec; small helpers for the messages they share.</summary>
internal sealed class Validator
{
    readonly List<ConfigError> _errors = new();

    public Validator(Spec spec, ValidationOptions options)
    {
        Spec = spec;
        Options = options;
    }

    public Spec Spec { get; }
    public ValidationOptions Options { get; }
    public IReadOnlyList<ConfigError> Errors => _errors;

    public void Error(string path, string message) => _errors.Add(new ConfigError(path, message));

    /// <summary>Whether linux.namespaces lists the type (joined by path or new).</summary>
    public bool HasNamespace(string type) => Spec.Linux?.Namespaces?.Any(n => n?.Type == type) == true;

    public static string NoNamespace(string type) => $"linux.namespaces has no {Q(type)}";

    /// <summary>Calls check for every item, reporting null items.</summary>
    public void Each<T>(IReadOnlyList<T?>? items, string path, Action<T, string> check) where T : class
    {
        if (items is null) return;
        for (int i = 0; i < items.Count; i++)
        {
            string p = $"{path}[{i}]";
            if (items[i] is T item) check(item, p);
            else Error(p, "must not be null");
        }
    }

    public void OneOf(string path, string? value, IReadOnlyCollection<string> allowed, string what)
    {
        if (value is null || !allowed.Contains(value))
            Error(path, $"{Q(value)} is not {what} (expected one of: {string.Join(", ", allowed)})");
    }

    public void Absolute(string path, string? value)
    {
        if (!IsAbsolute(value)) Error(path, $"{Q(value)} is not an absolute path");
    }

    public void AbsoluteList(string path, IReadOnlyList<string?>? values)
    {
        if (values is null) return;
        for (int i = 0; i < values.Count; i++) Absolute($"{path}[{i}]", values[i]);
    }

    public void KeyValues(string path, IReadOnlyList<string?>? entries)
    {
        if (entries is null) return;
        for (int i = 0; i < entries.Count; i++)
        {
            string? e = entries[i];
            if (e is null || e.IndexOf('=') <= 0 || e.Contains('\0'))
                Error($"{path}[{i}]", $"{Q(e)} is not KEY=VALUE");
        }
    }

    public void InRange(string path, long value, long min, long max, string? unit = null)
    {
        if (value < min || value > max)
            Error(path, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range ({min}..{max}{(unit is null ? "" : " " + unit)})");
    }

    public static bool IsAbsolute(string? path) => path is { Length: > 0 } && path[0] == '/';

    /// <summary>A value as it appears in JSON, for messages: strings quoted, null as null.</summary>
    public static string Q(string? value)
    {
        if (value is null) return "null";
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Path of a map entry: linux.sysctl["net.ipv4.ip_forward"].</summary>
    public static string Key(string path, string key) => $"{path}[{Q(key)}]";
}
