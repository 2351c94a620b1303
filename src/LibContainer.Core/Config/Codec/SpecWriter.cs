using System.Text.Encodings.Web;
using System.Text.Json;

namespace LibContainer.Config.Codec;

/// <summary>
/// Writes the OCI model with Utf8JsonWriter alone, byte for byte as <see cref="OciJsonContext"/> does with the same
/// writer options: camelCase names in declaration order, null members left out, ExtensionData last. Formatting
/// (indentation, escaping) is the writer's.
/// </summary>
public static partial class SpecWriter
{
    public static void Write(Utf8JsonWriter writer, Spec spec) => WriteSpec(writer, spec);

    public static void Write(Utf8JsonWriter writer, Process process) => WriteProcess(writer, process);

    public static void Write(Utf8JsonWriter writer, LinuxResources resources) => WriteLinuxResources(writer, resources);

    public static void Write(Utf8JsonWriter writer, Hooks hooks) => WriteHooks(writer, hooks);

    public static void Write(Utf8JsonWriter writer, ContainerStateJson state) => WriteContainerStateJson(writer, state);

    public static void Write(Utf8JsonWriter writer, List<NetworkConfig> networks)
        => OciJsonWriter.ListValue(writer, networks, WriteNetworkConfig);

    public static void Write(Utf8JsonWriter writer, List<NetworkRoute> routes)
        => OciJsonWriter.ListValue(writer, routes, WriteNetworkRoute);

    /// <summary>OciJsonContext's own layout: indented, default (HTML-safe) escaping.</summary>
    public static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>Files and annotations people read: '"', '+', '&lt;', non-ASCII written as themselves (as runc does).</summary>
    public static readonly JsonWriterOptions IndentedPlain = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonWriterOptions CompactPlain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What <paramref name="write"/> writes, as UTF-8.</summary>
    public static byte[] ToUtf8<T>(T value, Action<Utf8JsonWriter, T> write, JsonWriterOptions options)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, options)) write(writer, value);
        return buffer.WrittenSpan.ToArray();
    }

    public static string ToJson<T>(T value, Action<Utf8JsonWriter, T> write, JsonWriterOptions options)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, options)) write(writer, value);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
