using System.Text.Json;

namespace LibContainer.Config.Codec;

public static partial class SpecWriter
{
    internal static void WriteLinux(Utf8JsonWriter w, Linux o)
    {
        w.WriteStartObject();
        w.List("uidMappings", o.UidMappings, WriteIdMapping);
        w.List("gidMappings", o.GidMappings, WriteIdMapping);
        w.Map("timeOffsets", o.TimeOffsets, WriteTimeOffset);
        w.StringMap("sysctl", o.Sysctl);
        w.Obj("resources", o.Resources, WriteLinuxResources);
        w.Str("cgroupsPath", o.CgroupsPath);
        w.List("namespaces", o.Namespaces, WriteLinuxNamespace);
        w.List("devices", o.Devices, WriteLinuxDevice);
        w.Map("netDevices", o.NetDevices, WriteLinuxNetDevice);
        w.Obj("seccomp", o.Seccomp, WriteLinuxSeccomp);
        w.Str("rootfsPropagation", o.RootfsPropagation);
        w.Strings("maskedPaths", o.MaskedPaths);
        w.Strings("readonlyPaths", o.ReadonlyPaths);
        w.Str("mountLabel", o.MountLabel);
        w.Obj("intelRdt", o.IntelRdt, WriteIntelRdt);
        w.Obj("memoryPolicy", o.MemoryPolicy, WriteMemoryPolicy);
        w.Obj("personality", o.Personality, WriteLinuxPersonality);
        w.EndObject(o);
    }

    internal static void WriteIdMapping(Utf8JsonWriter w, IdMapping o)
    {
        w.WriteStartObject();
        w.Num("containerID", o.ContainerId);
        w.Num("hostID", o.HostId);
        w.Num("size", o.Size);
        w.EndObject(o);
    }

    internal static void WriteTimeOffset(Utf8JsonWriter w, TimeOffset o)
    {
        w.WriteStartObject();
        w.Num("secs", o.Secs);
        w.Num("nanosecs", o.Nanosecs);
        w.EndObject(o);
    }

    internal static void WriteLinuxNamespace(Utf8JsonWriter w, LinuxNamespace o)
    {
        w.WriteStartObject();
        w.Str("type", o.Type);
        w.Str("path", o.Path);
        w.EndObject(o);
    }

    internal static void WriteLinuxDevice(Utf8JsonWriter w, LinuxDevice o)
    {
        w.WriteStartObject();
        w.Str("type", o.Type);
        w.Str("path", o.Path);
        w.Num("major", o.Major);
        w.Num("minor", o.Minor);
        w.Num("fileMode", o.FileMode);
        w.Num("uid", o.Uid);
        w.Num("gid", o.Gid);
        w.EndObject(o);
    }

    internal static void WriteLinuxNetDevice(Utf8JsonWriter w, LinuxNetDevice o)
    {
        w.WriteStartObject();
        w.Str("name", o.Name);
        w.EndObject(o);
    }

    internal static void WriteIntelRdt(Utf8JsonWriter w, IntelRdt o)
    {
        w.WriteStartObject();
        w.Str("closID", o.ClosId);
        w.Str("l3CacheSchema", o.L3CacheSchema);
        w.Str("memBwSchema", o.MemBwSchema);
        w.Strings("schemata", o.Schemata);
        w.Bool("enableMonitoring", o.EnableMonitoring);
        w.EndObject(o);
    }

    internal static void WriteMemoryPolicy(Utf8JsonWriter w, MemoryPolicy o)
    {
        w.WriteStartObject();
        w.Str("mode", o.Mode);
        w.Str("nodes", o.Nodes);
        w.Strings("flags", o.Flags);
        w.EndObject(o);
    }

    internal static void WriteLinuxPersonality(Utf8JsonWriter w, LinuxPersonality o)
    {
        w.WriteStartObject();
        w.Str("domain", o.Domain);
        w.Strings("flags", o.Flags);
        w.EndObject(o);
    }

    internal static void WriteLinuxSeccomp(Utf8JsonWriter w, LinuxSeccomp o)
    {
        w.WriteStartObject();
        w.Str("defaultAction", o.DefaultAction);
        w.Num("defaultErrnoRet", o.DefaultErrnoRet);
        w.Strings("architectures", o.Architectures);
        w.Strings("flags", o.Flags);
        w.Str("listenerPath", o.ListenerPath);
        w.Str("listenerMetadata", o.ListenerMetadata);
        w.List("syscalls", o.Syscalls, WriteLinuxSyscall);
        w.EndObject(o);
    }

    internal static void WriteLinuxSyscall(Utf8JsonWriter w, LinuxSyscall o)
    {
        w.WriteStartObject();
        w.Strings("names", o.Names);
        w.Str("action", o.Action);
        w.Num("errnoRet", o.ErrnoRet);
        w.List("args", o.Args, WriteLinuxSeccompArg);
        w.EndObject(o);
    }

    internal static void WriteLinuxSeccompArg(Utf8JsonWriter w, LinuxSeccompArg o)
    {
        w.WriteStartObject();
        w.Num("index", o.Index);
        w.Num("value", o.Value);
        w.Num("valueTwo", o.ValueTwo);
        w.Str("op", o.Op);
        w.EndObject(o);
    }
}
