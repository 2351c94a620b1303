using System.Text.Json.Serialization;

namespace LibContainer.Config;

public sealed class Linux : JsonObjectBase
{
    public List<IdMapping>? UidMappings { get; set; }
    public List<IdMapping>? GidMappings { get; set; }
    public Dictionary<string, TimeOffset>? TimeOffsets { get; set; }
    public Dictionary<string, string>? Sysctl { get; set; }
    public LinuxResources? Resources { get; set; }
    public string? CgroupsPath { get; set; }
    public List<LinuxNamespace>? Namespaces { get; set; }
    public List<LinuxDevice>? Devices { get; set; }
    public Dictionary<string, LinuxNetDevice>? NetDevices { get; set; }
    public LinuxSeccomp? Seccomp { get; set; }
    public string? RootfsPropagation { get; set; }
    public List<string>? MaskedPaths { get; set; }
    public List<string>? ReadonlyPaths { get; set; }
    public string? MountLabel { get; set; }
    public IntelRdt? IntelRdt { get; set; }
    public MemoryPolicy? MemoryPolicy { get; set; }
    public LinuxPersonality? Personality { get; set; }
}

public sealed class IdMapping : JsonObjectBase
{
    [JsonPropertyName("containerID")] public uint ContainerId { get; set; }
    [JsonPropertyName("hostID")] public uint HostId { get; set; }
    public uint Size { get; set; }
}

public sealed class TimeOffset : JsonObjectBase
{
    public long Secs { get; set; }
    public uint Nanosecs { get; set; }
}

public sealed class LinuxNamespace : JsonObjectBase
{
    public string Type { get; set; } = "";
    public string? Path { get; set; }
}

public sealed class LinuxDevice : JsonObjectBase
{
    public string Type { get; set; } = "";
    public string Path { get; set; } = "";
    public long? Major { get; set; }
    public long? Minor { get; set; }
    public uint? FileMode { get; set; }
    public uint? Uid { get; set; }
    public uint? Gid { get; set; }
}

public sealed class LinuxNetDevice : JsonObjectBase
{
    public string? Name { get; set; }
}

public sealed class IntelRdt : JsonObjectBase
{
    [JsonPropertyName("closID")] public string? ClosId { get; set; }
    public string? L3CacheSchema { get; set; }
    public string? MemBwSchema { get; set; }
    public List<string>? Schemata { get; set; }
    public bool? EnableMonitoring { get; set; }
}

public sealed class MemoryPolicy : JsonObjectBase
{
    public string Mode { get; set; } = "";
    public string? Nodes { get; set; }
    public List<string>? Flags { get; set; }
}

public sealed class LinuxPersonality : JsonObjectBase
{
    public string Domain { get; set; } = "";
    public List<string>? Flags { get; set; }
}

public sealed class LinuxSeccomp : JsonObjectBase
{
    public string DefaultAction { get; set; } = "";
    public uint? DefaultErrnoRet { get; set; }
    public List<string>? Architectures { get; set; }
    public List<string>? Flags { get; set; }
    public string? ListenerPath { get; set; }
    public string? ListenerMetadata { get; set; }
    public List<LinuxSyscall>? Syscalls { get; set; }
}

public sealed class LinuxSyscall : JsonObjectBase
{
    public List<string> Names { get; set; } = new();
    public string Action { get; set; } = "";
    public uint? ErrnoRet { get; set; }
    public List<LinuxSeccompArg>? Args { get; set; }
}

public sealed class LinuxSeccompArg : JsonObjectBase
{
    public uint Index { get; set; }
    public ulong Value { get; set; }
    public ulong? ValueTwo { get; set; }
    public string Op { get; set; } = "";
}
