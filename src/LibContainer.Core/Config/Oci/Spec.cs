using System.Text.Json;
using System.Text.Json.Serialization;

namespace LibContainer.Config;

/// <summary>Base of every config type: fields this version does not know are kept for the round trip.</summary>
public abstract class JsonObjectBase
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>OCI runtime-spec 1.3 config.json.</summary>
public sealed class Spec : JsonObjectBase
{
    public const string Version = "1.3.0";

    public string OciVersion { get; set; } = Version;
    public Process? Process { get; set; }
    public Root? Root { get; set; }
    public string? Hostname { get; set; }
    public string? Domainname { get; set; }
    public List<Mount>? Mounts { get; set; }
    public Hooks? Hooks { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }
    public Linux? Linux { get; set; }

    /// <summary>What the config was read from (not part of the JSON): a seed container.json's labels degrade to a
    /// warning where an OCI config's are refused (ConfigSupport).</summary>
    [JsonIgnore]
    public ConfigFormat Format { get; set; } = ConfigFormat.Oci;
}

public sealed class Root : JsonObjectBase
{
    public string Path { get; set; } = "";
    public bool? Readonly { get; set; }
}

public sealed class Mount : JsonObjectBase
{
    public string Destination { get; set; } = "";
    public string? Source { get; set; }
    public List<string>? Options { get; set; }
    public string? Type { get; set; }
    public List<IdMapping>? UidMappings { get; set; }
    public List<IdMapping>? GidMappings { get; set; }
}

public sealed class Hooks : JsonObjectBase
{
    public List<Hook>? Prestart { get; set; }
    public List<Hook>? CreateRuntime { get; set; }
    public List<Hook>? CreateContainer { get; set; }
    public List<Hook>? StartContainer { get; set; }
    public List<Hook>? Poststart { get; set; }
    public List<Hook>? Poststop { get; set; }
}

public sealed class Hook : JsonObjectBase
{
    public string Path { get; set; } = "";
    public List<string>? Args { get; set; }
    public List<string>? Env { get; set; }
    public int? Timeout { get; set; }
}

/// <summary>OCI state JSON (what `state ID` prints and hooks read on stdin).</summary>
public sealed class ContainerStateJson : JsonObjectBase
{
    public string OciVersion { get; set; } = Spec.Version;
    public string Id { get; set; } = "";
    public string Status { get; set; } = "";
    public int? Pid { get; set; }
    public string Bundle { get; set; } = "";
    public Dictionary<string, string>? Annotations { get; set; }
}
