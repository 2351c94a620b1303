using System.Text.Json;

namespace LibContainer.Config;

/// <summary>
/// Typed reads of one object of a seed container.json, tolerant like Go's encoding/json with omitempty (absent or
/// null means zero), reporting wrongly typed values as errors at their path. Remembers which keys were read so
/// the rest can be kept.
/// </summary>
internal sealed class SeedObject
{
    readonly JsonElement _e;
    readonly List<ConfigError> _errors;
    readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public SeedObject(JsonElement element, string path, List<ConfigError> errors)
    {
        _e = element;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public string Sub(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public void Error(string name, string message) => _errors.Add(new ConfigError(Sub(name), message));

    /// <summary>The value of a key, or null when absent or JSON null.</summary>
    public JsonElement? Get(string name)
    {
        _read.Add(name);
        return _e.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v : null;
    }

    public bool Has(string name) => _e.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null;

    public string? Str(string name)
    {
        if (Get(name) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        Wrong(name, v, "a string");
        return null;
    }

    public bool Bool(string name)
    {
        if (Get(name) is not { } v) return false;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Wrong(name, v, "true or false");
        return false;
    }

    public long? Long(string name)
    {
        if (Get(name) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n)) return n;
        Wrong(name, v, "an integer");
        return null;
    }

    public ulong? ULong(string name)
    {
        if (Get(name) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out ulong n)) return n;
        Wrong(name, v, "a non-negative integer");
        return null;
    }

    public SeedObject? Obj(string name)
    {
        if (Get(name) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.Object) return new SeedObject(v, Sub(name), _errors);
        Wrong(name, v, "an object");
        return null;
    }

    /// <summary>The items of an array of objects (non-objects are reported and skipped).</summary>
    public IEnumerable<SeedObject> Objects(string name)
    {
        if (Get(name) is not { } v) yield break;
        if (v.ValueKind != JsonValueKind.Array) { Wrong(name, v, "an array"); yield break; }
        int i = 0;
        foreach (JsonElement item in v.EnumerateArray())
        {
            string p = $"{Sub(name)}[{i++}]";
            if (item.ValueKind == JsonValueKind.Object) yield return new SeedObject(item, p, _errors);
            else _errors.Add(new ConfigError(p, $"is {ConfigLoader.Kind(item.ValueKind)}, expected an object"));
        }
    }

    public List<string>? Strings(string name)
    {
        if (Get(name) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Array) { Wrong(name, v, "an array of strings"); return null; }
        var list = new List<string>();
        int i = 0;
        foreach (JsonElement item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString()!);
            else _errors.Add(new ConfigError($"{Sub(name)}[{i}]", $"is {ConfigLoader.Kind(item.ValueKind)}, expected a string"));
            i++;
        }
        return list;
    }

    /// <summary>Keys present but never read, with their raw JSON (kept so nothing configured is lost).</summary>
    public IEnumerable<(string Name, JsonElement Value)> Unread()
    {
        foreach (JsonProperty p in _e.EnumerateObject())
            if (!_read.Contains(p.Name)) yield return (p.Name, p.Value);
    }

    void Wrong(string name, JsonElement v, string expected)
        => Error(name, $"is {ConfigLoader.Kind(v.ValueKind)}, expected {expected}");
}
