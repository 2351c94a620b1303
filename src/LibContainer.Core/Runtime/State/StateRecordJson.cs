using System.Text.Json;
using LibContainer.Config;
using LibContainer.Config.Codec;

namespace LibContainer.Runtime;

/// <summary>state.json ↔ <see cref="ContainerStateRecord"/>, in exactly StateJsonContext's shape (camelCase, nulls
/// omitted), written by hand and with the config through SpecWriter: building the serializer's metadata for these
/// types would cost more than the rest of a `run`.</summary>
internal static class StateRecordJson
{
    public static byte[] Serialize(ContainerStateRecord r)
    {
        var buf = new MemoryStream();
        using (var w = new Utf8JsonWriter(buf, LibContainer.Json.MinimalJsonEncoder.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteNumber("pid", r.Pid);
            w.WriteNumber("pidStartTime", r.PidStartTime);
            w.WriteString("bundle", r.Bundle);
            w.WriteString("rootfs", r.Rootfs);
            w.WriteString("created", r.Created);
            w.WriteString("status", r.Status.ToOci());
            if (r.Owner is not null) w.WriteString("owner", r.Owner);
            if (r.CgroupsPath is not null) w.WriteString("cgroupsPath", r.CgroupsPath);
            WriteMap(w, "cgroupPaths", r.CgroupPaths);
            WriteMap(w, "namespacePaths", r.NamespacePaths);
            WriteList(w, "hostInterfaces", r.HostInterfaces);
            WriteList(w, "removeBridges", r.RemoveBridges);
            if (r.NoNewKeyring) w.WriteBoolean("noNewKeyring", true);
            w.WritePropertyName("config");
            if (!r.ConfigParsed && r.RawConfig is { } raw) w.WriteRawValue(raw.Span, skipInputValidation: true);
            else SpecWriter.Write(w, r.Config);
            if (r.ExtensionData is not null)
                foreach (var (k, v) in r.ExtensionData) { w.WritePropertyName(k); v.WriteTo(w); }
            w.WriteEndObject();
        }
        return buf.ToArray();
    }

    public static ContainerStateRecord Deserialize(string json) => Deserialize(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>One Utf8JsonReader pass (no JsonDocument: its pooled buffers cost a short-lived process a calibration
    /// on first use); the config is kept as its UTF-8 slice and parsed only when asked for.</summary>
    public static ContainerStateRecord Deserialize(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("state.json is not a JSON object");
        var r = new ContainerStateRecord();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "id": r.Id = reader.GetString() ?? ""; break;
                case "pid": r.Pid = reader.GetInt32(); break;
                case "pidStartTime": r.PidStartTime = reader.GetUInt64(); break;
                case "bundle": r.Bundle = reader.GetString() ?? ""; break;
                case "rootfs": r.Rootfs = reader.GetString() ?? ""; break;
                case "created": r.Created = reader.GetDateTime(); break;
                case "status": r.Status = ContainerStateNames.FromOci(reader.GetString()); break;
                case "owner": r.Owner = reader.GetString(); break;
                case "cgroupsPath": r.CgroupsPath = reader.GetString(); break;
                case "cgroupPaths": r.CgroupPaths = ReadMap(ref reader); break;
                case "namespacePaths": r.NamespacePaths = ReadMap(ref reader); break;
                case "hostInterfaces": r.HostInterfaces = ReadList(ref reader); break;
                case "removeBridges": r.RemoveBridges = ReadList(ref reader); break;
                case "noNewKeyring": r.NoNewKeyring = reader.TokenType == JsonTokenType.True; break;
                case "config":
                    int begin = (int)reader.TokenStartIndex;
                    reader.Skip();
                    r.RawConfig = utf8.AsMemory(begin, (int)reader.BytesConsumed - begin);
                    break;
                default:
                    (r.ExtensionData ??= new())[name] = JsonElement.ParseValue(ref reader);
                    break;
            }
        }
        return r;
    }

    /// <summary>Whether a JSON object (UTF-8) has a top-level property of this name, without parsing its values.</summary>
    internal static bool HasProperty(ReadOnlySpan<byte> utf8Object, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(utf8Object);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name)) return true;
            reader.Read();
            reader.Skip();
        }
        return false;
    }

    private static void WriteMap(Utf8JsonWriter w, string name, Dictionary<string, string>? map)
    {
        if (map is null) return;
        w.WriteStartObject(name);
        foreach (var (k, v) in map) w.WriteString(k, v);
        w.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter w, string name, List<string>? list)
    {
        if (list is null) return;
        w.WriteStartArray(name);
        foreach (var s in list) w.WriteStringValue(s);
        w.WriteEndArray();
    }

    private static List<string>? ReadList(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) { reader.Skip(); return null; }
        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) list.Add(reader.GetString() ?? "");
        return list;
    }

    private static Dictionary<string, string>? ReadMap(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return null; }
        var map = new Dictionary<string, string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            reader.Read();
            map[key] = reader.GetString() ?? "";
        }
        return map;
    }
}
