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
            w.WriteString("status", r.Status);
            if (r.Owner is not null) w.WriteString("owner", r.Owner);
            if (r.CgroupsPath is not null) w.WriteString("cgroupsPath", r.CgroupsPath);
            WriteMap(w, "cgroupPaths", r.CgroupPaths);
            WriteMap(w, "namespacePaths", r.NamespacePaths);
            WriteList(w, "hostInterfaces", r.HostInterfaces);
            WriteList(w, "removeBridges", r.RemoveBridges);
            if (r.NoNewKeyring) w.WriteBoolean("noNewKeyring", true);
            w.WritePropertyName("config");
            if (!r.ConfigParsed && r.RawConfig is { } raw) raw.WriteTo(w);
            else SpecWriter.Write(w, r.Config);
            if (r.ExtensionData is not null)
                foreach (var (k, v) in r.ExtensionData) { w.WritePropertyName(k); v.WriteTo(w); }
            w.WriteEndObject();
        }
        return buf.ToArray();
    }

    public static ContainerStateRecord Deserialize(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = new ContainerStateRecord();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "id": r.Id = v.GetString() ?? ""; break;
                case "pid": r.Pid = v.GetInt32(); break;
                case "pidStartTime": r.PidStartTime = v.GetUInt64(); break;
                case "bundle": r.Bundle = v.GetString() ?? ""; break;
                case "rootfs": r.Rootfs = v.GetString() ?? ""; break;
                case "created": r.Created = v.GetDateTime(); break;
                case "status": r.Status = v.GetString() ?? ""; break;
                case "owner": r.Owner = v.ValueKind == JsonValueKind.Null ? null : v.GetString(); break;
                case "cgroupsPath": r.CgroupsPath = v.ValueKind == JsonValueKind.Null ? null : v.GetString(); break;
                case "cgroupPaths": r.CgroupPaths = ReadMap(v); break;
                case "namespacePaths": r.NamespacePaths = ReadMap(v); break;
                case "hostInterfaces": r.HostInterfaces = ReadList(v); break;
                case "removeBridges": r.RemoveBridges = ReadList(v); break;
                case "noNewKeyring": r.NoNewKeyring = v.ValueKind == JsonValueKind.True; break;
                case "config": r.RawConfig = v.Clone(); break;
                default:
                    (r.ExtensionData ??= new())[p.Name] = v.Clone();
                    break;
            }
        }
        return r;
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

    private static List<string>? ReadList(JsonElement v)
        => v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(e => e.GetString() ?? "").ToList() : null;

    private static Dictionary<string, string>? ReadMap(JsonElement v)
        => v.ValueKind != JsonValueKind.Object ? null : v.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
}
