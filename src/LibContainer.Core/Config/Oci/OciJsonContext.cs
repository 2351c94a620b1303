using System.Text.Json.Serialization;

namespace LibContainer.Config;

/// <summary>Source-generated (NativeAOT-safe) JSON metadata for the OCI model.</summary>
/// <remarks>RespectNullableAnnotations: a JSON null for a non-nullable member is a JsonException (reported as a
/// config error) instead of a null the rest of the runtime would trip over.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    AllowTrailingCommas = false,
    RespectNullableAnnotations = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(Spec))]
[JsonSerializable(typeof(ContainerStateJson))]
[JsonSerializable(typeof(LinuxResources))]
[JsonSerializable(typeof(Process))]
[JsonSerializable(typeof(List<NetworkConfig>))]
[JsonSerializable(typeof(List<NetworkRoute>))]
[JsonSerializable(typeof(string))]
public sealed partial class OciJsonContext : JsonSerializerContext;
