namespace LibContainer.Config.Codec;

public static partial class SpecReader
{
    const string LinuxType = "LibContainer.Config.Linux";

    internal static Linux ReadLinux(ref OciJsonReader r) => r.Object<Linux>(LinuxType, LinuxProperty)!;
    static bool LinuxProperty(ref OciJsonReader r, Linux o, string name)
    {
        switch (name)
        {
            case "uidMappings": o.UidMappings = r.List(ListOfIdMapping, ReadIdMapping); break;
            case "gidMappings": o.GidMappings = r.List(ListOfIdMapping, ReadIdMapping); break;
            case "timeOffsets": o.TimeOffsets = r.Map(MapOfTimeOffset, ReadTimeOffset); break;
            case "sysctl": o.Sysctl = r.StringMap(); break;
            case "resources": o.Resources = ReadLinuxResources(ref r); break;
            case "cgroupsPath": o.CgroupsPath = r.String(); break;
            case "namespaces": o.Namespaces = r.List(ListOfLinuxNamespace, ReadLinuxNamespace); break;
            case "devices": o.Devices = r.List(ListOfLinuxDevice, ReadLinuxDevice); break;
            case "netDevices": o.NetDevices = r.Map(MapOfLinuxNetDevice, ReadLinuxNetDevice); break;
            case "seccomp": o.Seccomp = ReadLinuxSeccomp(ref r); break;
            case "rootfsPropagation": o.RootfsPropagation = r.String(); break;
            case "maskedPaths": o.MaskedPaths = r.StringList(); break;
            case "readonlyPaths": o.ReadonlyPaths = r.StringList(); break;
            case "mountLabel": o.MountLabel = r.String(); break;
            case "intelRdt": o.IntelRdt = ReadIntelRdt(ref r); break;
            case "memoryPolicy": o.MemoryPolicy = ReadMemoryPolicy(ref r); break;
            case "personality": o.Personality = ReadLinuxPersonality(ref r); break;
            default: return false;
        }
        return true;
    }

    const string IdMappingType = "LibContainer.Config.IdMapping";

    internal static IdMapping ReadIdMapping(ref OciJsonReader r) => r.Object<IdMapping>(IdMappingType, IdMappingProperty)!;
    static bool IdMappingProperty(ref OciJsonReader r, IdMapping o, string name)
    {
        switch (name)
        {
            case "containerID": o.ContainerId = r.UInt32(); break;
            case "hostID": o.HostId = r.UInt32(); break;
            case "size": o.Size = r.UInt32(); break;
            default: return false;
        }
        return true;
    }

    const string TimeOffsetType = "LibContainer.Config.TimeOffset";

    internal static TimeOffset ReadTimeOffset(ref OciJsonReader r) => r.Object<TimeOffset>(TimeOffsetType, TimeOffsetProperty)!;
    static bool TimeOffsetProperty(ref OciJsonReader r, TimeOffset o, string name)
    {
        switch (name)
        {
            case "secs": o.Secs = r.Int64(); break;
            case "nanosecs": o.Nanosecs = r.UInt32(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxNamespaceType = "LibContainer.Config.LinuxNamespace";

    internal static LinuxNamespace ReadLinuxNamespace(ref OciJsonReader r) => r.Object<LinuxNamespace>(LinuxNamespaceType, LinuxNamespaceProperty)!;
    static bool LinuxNamespaceProperty(ref OciJsonReader r, LinuxNamespace o, string name)
    {
        switch (name)
        {
            case "type": o.Type = r.RequiredString(LinuxNamespaceType); break;
            case "path": o.Path = r.String(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxDeviceType = "LibContainer.Config.LinuxDevice";

    internal static LinuxDevice ReadLinuxDevice(ref OciJsonReader r) => r.Object<LinuxDevice>(LinuxDeviceType, LinuxDeviceProperty)!;
    static bool LinuxDeviceProperty(ref OciJsonReader r, LinuxDevice o, string name)
    {
        switch (name)
        {
            case "type": o.Type = r.RequiredString(LinuxDeviceType); break;
            case "path": o.Path = r.RequiredString(LinuxDeviceType); break;
            case "major": o.Major = r.NullableInt64(); break;
            case "minor": o.Minor = r.NullableInt64(); break;
            case "fileMode": o.FileMode = r.NullableUInt32(); break;
            case "uid": o.Uid = r.NullableUInt32(); break;
            case "gid": o.Gid = r.NullableUInt32(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxNetDeviceType = "LibContainer.Config.LinuxNetDevice";

    internal static LinuxNetDevice ReadLinuxNetDevice(ref OciJsonReader r) => r.Object<LinuxNetDevice>(LinuxNetDeviceType, LinuxNetDeviceProperty)!;
    static bool LinuxNetDeviceProperty(ref OciJsonReader r, LinuxNetDevice o, string name)
    {
        switch (name)
        {
            case "name": o.Name = r.String(); break;
            default: return false;
        }
        return true;
    }

    const string IntelRdtType = "LibContainer.Config.IntelRdt";

    internal static IntelRdt ReadIntelRdt(ref OciJsonReader r) => r.Object<IntelRdt>(IntelRdtType, IntelRdtProperty)!;
    static bool IntelRdtProperty(ref OciJsonReader r, IntelRdt o, string name)
    {
        switch (name)
        {
            case "closID": o.ClosId = r.String(); break;
            case "l3CacheSchema": o.L3CacheSchema = r.String(); break;
            case "memBwSchema": o.MemBwSchema = r.String(); break;
            case "schemata": o.Schemata = r.StringList(); break;
            case "enableMonitoring": o.EnableMonitoring = r.NullableBool(); break;
            default: return false;
        }
        return true;
    }

    const string MemoryPolicyType = "LibContainer.Config.MemoryPolicy";

    internal static MemoryPolicy ReadMemoryPolicy(ref OciJsonReader r) => r.Object<MemoryPolicy>(MemoryPolicyType, MemoryPolicyProperty)!;
    static bool MemoryPolicyProperty(ref OciJsonReader r, MemoryPolicy o, string name)
    {
        switch (name)
        {
            case "mode": o.Mode = r.RequiredString(MemoryPolicyType); break;
            case "nodes": o.Nodes = r.String(); break;
            case "flags": o.Flags = r.StringList(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxPersonalityType = "LibContainer.Config.LinuxPersonality";

    internal static LinuxPersonality ReadLinuxPersonality(ref OciJsonReader r) => r.Object<LinuxPersonality>(LinuxPersonalityType, LinuxPersonalityProperty)!;
    static bool LinuxPersonalityProperty(ref OciJsonReader r, LinuxPersonality o, string name)
    {
        switch (name)
        {
            case "domain": o.Domain = r.RequiredString(LinuxPersonalityType); break;
            case "flags": o.Flags = r.StringList(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxSeccompType = "LibContainer.Config.LinuxSeccomp";

    internal static LinuxSeccomp ReadLinuxSeccomp(ref OciJsonReader r) => r.Object<LinuxSeccomp>(LinuxSeccompType, LinuxSeccompProperty)!;
    static bool LinuxSeccompProperty(ref OciJsonReader r, LinuxSeccomp o, string name)
    {
        switch (name)
        {
            case "defaultAction": o.DefaultAction = r.RequiredString(LinuxSeccompType); break;
            case "defaultErrnoRet": o.DefaultErrnoRet = r.NullableUInt32(); break;
            case "architectures": o.Architectures = r.StringList(); break;
            case "flags": o.Flags = r.StringList(); break;
            case "listenerPath": o.ListenerPath = r.String(); break;
            case "listenerMetadata": o.ListenerMetadata = r.String(); break;
            case "syscalls": o.Syscalls = r.List(ListOfLinuxSyscall, ReadLinuxSyscall); break;
            default: return false;
        }
        return true;
    }

    const string LinuxSyscallType = "LibContainer.Config.LinuxSyscall";

    internal static LinuxSyscall ReadLinuxSyscall(ref OciJsonReader r) => r.Object<LinuxSyscall>(LinuxSyscallType, LinuxSyscallProperty)!;
    static bool LinuxSyscallProperty(ref OciJsonReader r, LinuxSyscall o, string name)
    {
        switch (name)
        {
            case "names": o.Names = r.Required(r.StringList(), LinuxSyscallType); break;
            case "action": o.Action = r.RequiredString(LinuxSyscallType); break;
            case "errnoRet": o.ErrnoRet = r.NullableUInt32(); break;
            case "args": o.Args = r.List(ListOfLinuxSeccompArg, ReadLinuxSeccompArg); break;
            default: return false;
        }
        return true;
    }

    const string LinuxSeccompArgType = "LibContainer.Config.LinuxSeccompArg";

    internal static LinuxSeccompArg ReadLinuxSeccompArg(ref OciJsonReader r) => r.Object<LinuxSeccompArg>(LinuxSeccompArgType, LinuxSeccompArgProperty)!;
    static bool LinuxSeccompArgProperty(ref OciJsonReader r, LinuxSeccompArg o, string name)
    {
        switch (name)
        {
            case "index": o.Index = r.UInt32(); break;
            case "value": o.Value = r.UInt64(); break;
            case "valueTwo": o.ValueTwo = r.NullableUInt64(); break;
            case "op": o.Op = r.RequiredString(LinuxSeccompArgType); break;
            default: return false;
        }
        return true;
    }
}
