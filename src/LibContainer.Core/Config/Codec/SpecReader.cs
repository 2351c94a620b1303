using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace LibContainer.Config.Codec;

/// <summary>
/// Reads the OCI model from JSON with Utf8JsonReader alone, accepting and rejecting exactly what
/// <see cref="OciJsonContext"/> does (comments, trailing commas, unknown members kept in ExtensionData, null only for
/// nullable members, integers in the member's range). A wrong value throws JsonException with the serializer's message,
/// JSON path, line and byte position. The serializer is not used: its metadata costs more than a `run` otherwise does.
/// </summary>
/// <remarks>SpecReader.&lt;Area&gt;.cs hold one Read&lt;Type&gt;(ref OciJsonReader) per model type (null for JSON null) and
/// its member switch; SpecWriter.&lt;Area&gt;.cs the matching Write&lt;Type&gt;.</remarks>
public static partial class SpecReader
{
    /// <summary>The config; null when the JSON is the literal null.</summary>
    public static Spec? ReadSpec(string json) => Read(json, ReadSpec);

    public static Spec? ReadSpec(ReadOnlySpan<byte> utf8) => OciJsonReader.ReadDocument(utf8, ReadSpec);

    public static Spec? ReadSpec(JsonElement element) => Read(element, ReadSpec);

    public static Process? ReadProcess(string json) => Read(json, ReadProcess);

    public static LinuxResources? ReadLinuxResources(string json) => Read(json, ReadLinuxResources);

    public static LinuxResources? ReadLinuxResources(ReadOnlySpan<byte> utf8) => OciJsonReader.ReadDocument(utf8, ReadLinuxResources);

    public static Hooks? ReadHooks(JsonElement element) => Read(element, ReadHooks);

    public static LinuxSeccomp? ReadLinuxSeccomp(string json) => Read(json, ReadLinuxSeccomp);

    public static ContainerStateJson? ReadContainerState(string json) => Read(json, ReadContainerStateJson);

    /// <summary>A JSON object of strings (annotations).</summary>
    public static Dictionary<string, string>? ReadStringMap(JsonElement element)
        => Read(element, static (ref OciJsonReader r) => r.StringMap()!);

    /// <summary>The network list of the <see cref="NetworkAnnotations.Networks"/> annotation.</summary>
    public static List<NetworkConfig>? ReadNetworks(string json)
        => Read(json, static (ref OciJsonReader r) => r.List(ListOfNetworkConfig, ReadNetworkConfig)!);

    /// <summary>The routes of the <see cref="NetworkAnnotations.Routes"/> annotation.</summary>
    public static List<NetworkRoute>? ReadRoutes(string json)
        => Read(json, static (ref OciJsonReader r) => r.List(ListOfNetworkRoute, ReadNetworkRoute)!);

    static T? Read<T>(string json, ReadValue<T> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        return OciJsonReader.ReadDocument(Encoding.UTF8.GetBytes(json), read);
    }

    static T? Read<T>(JsonElement element, ReadValue<T> read) where T : class
        => OciJsonReader.ReadDocument(JsonMarshal.GetRawUtf8Value(element), read);

    // The serializer names these types by Type.ToString() in its messages; NativeAOT should not need the names.
    const string ListOfHook = "System.Collections.Generic.List`1[LibContainer.Config.Hook]";
    const string ListOfIdMapping = "System.Collections.Generic.List`1[LibContainer.Config.IdMapping]";
    const string ListOfLinuxDevice = "System.Collections.Generic.List`1[LibContainer.Config.LinuxDevice]";
    const string ListOfLinuxDeviceCgroup = "System.Collections.Generic.List`1[LibContainer.Config.LinuxDeviceCgroup]";
    const string ListOfLinuxHugepageLimit = "System.Collections.Generic.List`1[LibContainer.Config.LinuxHugepageLimit]";
    const string ListOfLinuxInterfacePriority = "System.Collections.Generic.List`1[LibContainer.Config.LinuxInterfacePriority]";
    const string ListOfLinuxNamespace = "System.Collections.Generic.List`1[LibContainer.Config.LinuxNamespace]";
    const string ListOfLinuxSeccompArg = "System.Collections.Generic.List`1[LibContainer.Config.LinuxSeccompArg]";
    const string ListOfLinuxSyscall = "System.Collections.Generic.List`1[LibContainer.Config.LinuxSyscall]";
    const string ListOfLinuxThrottleDevice = "System.Collections.Generic.List`1[LibContainer.Config.LinuxThrottleDevice]";
    const string ListOfLinuxWeightDevice = "System.Collections.Generic.List`1[LibContainer.Config.LinuxWeightDevice]";
    const string ListOfMount = "System.Collections.Generic.List`1[LibContainer.Config.Mount]";
    const string ListOfPosixRlimit = "System.Collections.Generic.List`1[LibContainer.Config.PosixRlimit]";
    const string MapOfLinuxNetDevice = "System.Collections.Generic.Dictionary`2[System.String,LibContainer.Config.LinuxNetDevice]";
    const string MapOfLinuxRdma = "System.Collections.Generic.Dictionary`2[System.String,LibContainer.Config.LinuxRdma]";
    const string MapOfTimeOffset = "System.Collections.Generic.Dictionary`2[System.String,LibContainer.Config.TimeOffset]";
    const string ListOfNetworkConfig = "System.Collections.Generic.List`1[LibContainer.Config.NetworkConfig]";
    const string ListOfNetworkRoute = "System.Collections.Generic.List`1[LibContainer.Config.NetworkRoute]";
}
