using System.Text.Json.Serialization;

namespace LibContainer.Cli;

/// <summary>One row of `list --format json` (runc's field names; written by ListCommand.ToJson).</summary>
public sealed class ListEntry
{
    [JsonPropertyName("ociVersion")] public string OciVersion { get; set; } = "";
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("pid")] public int Pid { get; set; }
    [JsonPropertyName("status")] public string Status { get; set; } = "";
    [JsonPropertyName("bundle")] public string Bundle { get; set; } = "";
    [JsonPropertyName("rootfs")] public string Rootfs { get; set; } = "";
    [JsonPropertyName("created")] public DateTime Created { get; set; }
    [JsonPropertyName("owner")] public string Owner { get; set; } = "";
    /// <summary>`list --recover`: the cgroup of a container found by its markers (its state directory is lost); else null.</summary>
    [JsonPropertyName("recoveredCgroup")] public string? RecoveredCgroup { get; set; }
}
