using System.Text.Json;
using System.Text.Json.Serialization;
using LibContainer.Config;
using LibContainer.Config.Codec;

namespace LibContainer.Runtime;

/// <summary>
/// What `<root>/<id>/state.json` holds: everything a later command (nsinit, the cmdlets, Core) needs to find and
/// act on a container. Written under the container's lock; the OCI state is derived from it.
/// </summary>
public sealed class ContainerStateRecord : JsonObjectBase
{
    public string Id { get; set; } = "";
    /// <summary>Host pid of the container's init (0 when never started / stopped).</summary>
    public int Pid { get; set; }
    /// <summary>Start time of init from /proc/pid/stat field 22, to detect pid reuse.</summary>
    public ulong PidStartTime { get; set; }
    public string Bundle { get; set; } = "";
    /// <summary>Absolute rootfs path.</summary>
    public string Rootfs { get; set; } = "";
    /// <summary>RFC 3339 creation time (UTC).</summary>
    public DateTime Created { get; set; }
    /// <summary>The status as last recorded (liveness is re-checked by ContainerStatusProbe); written as the OCI word.</summary>
    [JsonConverter(typeof(OciStatusConverter))]
    public ContainerState Status { get; set; }
    public string? Owner { get; set; }
    /// <summary>The cgroupsPath as resolved, and the absolute directory per controller.</summary>
    public string? CgroupsPath { get; set; }
    public Dictionary<string, string>? CgroupPaths { get; set; }
    /// <summary>Namespace paths of init (/proc/pid/ns/*) by OCI type, for exec.</summary>
    public Dictionary<string, string>? NamespacePaths { get; set; }
    /// <summary>Host-side veth names the runtime created (teardown on delete).</summary>
    public List<string>? HostInterfaces { get; set; }
    /// <summary>Bridges this create made whose network asked for removal on delete (removed only when empty).</summary>
    public List<string>? RemoveBridges { get; set; }
    /// <summary>Created with --no-new-keyring: exec keeps the caller's session keyring too.</summary>
    public bool NoNewKeyring { get; set; }
    /// <summary>The config the container runs with (root.path absolute). Parsed on first use when the record came
    /// from StateRecordJson (commands like start/kill/delete never need all of it).</summary>
    public Spec Config
    {
        get => _config ??= RawConfig is { } raw ? SpecReader.ReadSpec(raw.Span) ?? new Spec() : new Spec();
        set
        {
            _config = value;
            RawConfig = null;
        }
    }

    private Spec? _config;

    /// <summary>The unparsed config, UTF-8 (set by StateRecordJson); null once Config was set.</summary>
    [JsonIgnore]
    internal ReadOnlyMemory<byte>? RawConfig { get; set; }

    internal bool ConfigParsed => _config is not null;

    /// <summary>config.hooks; the config is parsed only when it has hooks.</summary>
    internal Hooks? ConfigHooks => ConfigParsed || RawConfig is not { } raw || StateRecordJson.HasProperty(raw.Span, "hooks"u8)
        ? Config.Hooks : null;

    /// <summary>config.linux.netDevices; the config is parsed only when its text names them.</summary>
    internal Dictionary<string, LinuxNetDevice>? ConfigNetDevices =>
        ConfigParsed || RawConfig is not { } raw || raw.Span.IndexOf("\"netDevices\""u8) >= 0 ? Config.Linux?.NetDevices : null;

    /// <summary>config.annotations; the config is parsed only when it has annotations.</summary>
    internal Dictionary<string, string>? ConfigAnnotations =>
        ConfigParsed || RawConfig is not { } raw || StateRecordJson.HasProperty(raw.Span, "annotations"u8) ? Config.Annotations : null;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(ContainerStateRecord))]
public sealed partial class StateJsonContext : JsonSerializerContext;

/// <summary>Writes <see cref="ContainerState"/> as the OCI status word, as <see cref="StateRecordJson"/> does.</summary>
public sealed class OciStatusConverter : JsonConverter<ContainerState>
{
    public override ContainerState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => ContainerStateNames.FromOci(reader.GetString());

    public override void Write(Utf8JsonWriter writer, ContainerState value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToOci());
}
