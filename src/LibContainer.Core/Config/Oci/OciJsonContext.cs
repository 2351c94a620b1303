using System.Text.Json.Serialization;

namespace LibContainer.Config;

/// <summary>Source-generated (NativeAOT-safe) JSON metadata for the OCI model.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(Spec))]
[JsonSerializable(typeof(ContainerStateJson))]
[JsonSerializable(typeof(LinuxResources))]
[JsonSerializable(typeof(Process))]
public sealed partial class OciJsonContext : JsonSerializerContext;
