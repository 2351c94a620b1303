using System.Text.Json;

namespace LibContainer.Config.Codec;

/// <summary>Utf8JsonWriter helpers that write members as OciJsonContext does: null members left out (entries of
/// lists and maps are written even when null), ExtensionData last.</summary>
internal static class OciJsonWriter
{
    public static void Str(this Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    public static void Bool(this Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v) w.WriteBoolean(name, v);
    }

    public static void Num(this Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }

    public static void Num(this Utf8JsonWriter w, string name, uint? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }

    public static void Num(this Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }

    public static void Num(this Utf8JsonWriter w, string name, ulong? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }

    public static void Num(this Utf8JsonWriter w, string name, ushort? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }

    public static void Obj<T>(this Utf8JsonWriter w, string name, T? value, Action<Utf8JsonWriter, T> write) where T : class
    {
        if (value is null) return;
        w.WritePropertyName(name);
        write(w, value);
    }

    public static void List<T>(this Utf8JsonWriter w, string name, List<T>? list, Action<Utf8JsonWriter, T> write)
    {
        if (list is null) return;
        w.WritePropertyName(name);
        ListValue(w, list, write);
    }

    public static void ListValue<T>(Utf8JsonWriter w, List<T> list, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray();
        foreach (T item in list)
        {
            if (item is null) w.WriteNullValue();
            else write(w, item);
        }
        w.WriteEndArray();
    }

    public static void Map<T>(this Utf8JsonWriter w, string name, Dictionary<string, T>? map, Action<Utf8JsonWriter, T> write)
    {
        if (map is null) return;
        w.WriteStartObject(name);
        foreach (var (key, item) in map)
        {
            w.WritePropertyName(key);
            if (item is null) w.WriteNullValue();
            else write(w, item);
        }
        w.WriteEndObject();
    }

    public static void Strings(this Utf8JsonWriter w, string name, List<string>? list)
        => w.List(name, list, static (x, s) => x.WriteStringValue(s));

    public static void StringMap(this Utf8JsonWriter w, string name, Dictionary<string, string>? map)
        => w.Map(name, map, static (x, s) => x.WriteStringValue(s));

    /// <summary>The unknown members kept from reading, then the end of the object.</summary>
    public static void EndObject(this Utf8JsonWriter w, JsonObjectBase o)
    {
        if (o.ExtensionData is { } extra)
        {
            foreach (var (key, value) in extra)
            {
                w.WritePropertyName(key);
                value.WriteTo(w);
            }
        }
        w.WriteEndObject();
    }
}
