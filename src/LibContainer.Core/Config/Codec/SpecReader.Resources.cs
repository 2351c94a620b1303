namespace LibContainer.Config.Codec;

public static partial class SpecReader
{
    const string LinuxResourcesType = "LibContainer.Config.LinuxResources";

    internal static LinuxResources ReadLinuxResources(ref OciJsonReader r) => r.Object<LinuxResources>(LinuxResourcesType, LinuxResourcesProperty)!;
    static bool LinuxResourcesProperty(ref OciJsonReader r, LinuxResources o, string name)
    {
        switch (name)
        {
            case "devices": o.Devices = r.List(ListOfLinuxDeviceCgroup, ReadLinuxDeviceCgroup); break;
            case "memory": o.Memory = ReadLinuxMemory(ref r); break;
            case "cpu": o.Cpu = ReadLinuxCpu(ref r); break;
            case "pids": o.Pids = ReadLinuxPids(ref r); break;
            case "blockIO": o.BlockIO = ReadLinuxBlockIo(ref r); break;
            case "hugepageLimits": o.HugepageLimits = r.List(ListOfLinuxHugepageLimit, ReadLinuxHugepageLimit); break;
            case "network": o.Network = ReadLinuxNetwork(ref r); break;
            case "rdma": o.Rdma = r.Map(MapOfLinuxRdma, ReadLinuxRdma); break;
            case "unified": o.Unified = r.StringMap(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxDeviceCgroupType = "LibContainer.Config.LinuxDeviceCgroup";

    internal static LinuxDeviceCgroup ReadLinuxDeviceCgroup(ref OciJsonReader r) => r.Object<LinuxDeviceCgroup>(LinuxDeviceCgroupType, LinuxDeviceCgroupProperty)!;
    static bool LinuxDeviceCgroupProperty(ref OciJsonReader r, LinuxDeviceCgroup o, string name)
    {
        switch (name)
        {
            case "allow": o.Allow = r.Bool(); break;
            case "type": o.Type = r.String(); break;
            case "major": o.Major = r.NullableInt64(); break;
            case "minor": o.Minor = r.NullableInt64(); break;
            case "access": o.Access = r.String(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxMemoryType = "LibContainer.Config.LinuxMemory";

    internal static LinuxMemory ReadLinuxMemory(ref OciJsonReader r) => r.Object<LinuxMemory>(LinuxMemoryType, LinuxMemoryProperty)!;
    static bool LinuxMemoryProperty(ref OciJsonReader r, LinuxMemory o, string name)
    {
        switch (name)
        {
            case "limit": o.Limit = r.NullableInt64(); break;
            case "reservation": o.Reservation = r.NullableInt64(); break;
            case "swap": o.Swap = r.NullableInt64(); break;
            case "kernel": o.Kernel = r.NullableInt64(); break;
            case "kernelTCP": o.KernelTcp = r.NullableInt64(); break;
            case "swappiness": o.Swappiness = r.NullableUInt64(); break;
            case "disableOOMKiller": o.DisableOomKiller = r.NullableBool(); break;
            case "useHierarchy": o.UseHierarchy = r.NullableBool(); break;
            case "checkBeforeUpdate": o.CheckBeforeUpdate = r.NullableBool(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxCpuType = "LibContainer.Config.LinuxCpu";

    internal static LinuxCpu ReadLinuxCpu(ref OciJsonReader r) => r.Object<LinuxCpu>(LinuxCpuType, LinuxCpuProperty)!;
    static bool LinuxCpuProperty(ref OciJsonReader r, LinuxCpu o, string name)
    {
        switch (name)
        {
            case "shares": o.Shares = r.NullableUInt64(); break;
            case "quota": o.Quota = r.NullableInt64(); break;
            case "burst": o.Burst = r.NullableUInt64(); break;
            case "period": o.Period = r.NullableUInt64(); break;
            case "realtimeRuntime": o.RealtimeRuntime = r.NullableInt64(); break;
            case "realtimePeriod": o.RealtimePeriod = r.NullableUInt64(); break;
            case "cpus": o.Cpus = r.String(); break;
            case "mems": o.Mems = r.String(); break;
            case "idle": o.Idle = r.NullableInt64(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxPidsType = "LibContainer.Config.LinuxPids";

    internal static LinuxPids ReadLinuxPids(ref OciJsonReader r) => r.Object<LinuxPids>(LinuxPidsType, LinuxPidsProperty)!;
    static bool LinuxPidsProperty(ref OciJsonReader r, LinuxPids o, string name)
    {
        switch (name)
        {
            case "limit": o.Limit = r.NullableInt64(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxBlockIoType = "LibContainer.Config.LinuxBlockIo";

    internal static LinuxBlockIo ReadLinuxBlockIo(ref OciJsonReader r) => r.Object<LinuxBlockIo>(LinuxBlockIoType, LinuxBlockIoProperty)!;
    static bool LinuxBlockIoProperty(ref OciJsonReader r, LinuxBlockIo o, string name)
    {
        switch (name)
        {
            case "weight": o.Weight = r.NullableUInt16(); break;
            case "leafWeight": o.LeafWeight = r.NullableUInt16(); break;
            case "weightDevice": o.WeightDevice = r.List(ListOfLinuxWeightDevice, ReadLinuxWeightDevice); break;
            case "throttleReadBpsDevice": o.ThrottleReadBpsDevice = r.List(ListOfLinuxThrottleDevice, ReadLinuxThrottleDevice); break;
            case "throttleWriteBpsDevice": o.ThrottleWriteBpsDevice = r.List(ListOfLinuxThrottleDevice, ReadLinuxThrottleDevice); break;
            case "throttleReadIOPSDevice": o.ThrottleReadIopsDevice = r.List(ListOfLinuxThrottleDevice, ReadLinuxThrottleDevice); break;
            case "throttleWriteIOPSDevice": o.ThrottleWriteIopsDevice = r.List(ListOfLinuxThrottleDevice, ReadLinuxThrottleDevice); break;
            default: return false;
        }
        return true;
    }

    const string LinuxWeightDeviceType = "LibContainer.Config.LinuxWeightDevice";

    internal static LinuxWeightDevice ReadLinuxWeightDevice(ref OciJsonReader r) => r.Object<LinuxWeightDevice>(LinuxWeightDeviceType, LinuxWeightDeviceProperty)!;
    static bool LinuxWeightDeviceProperty(ref OciJsonReader r, LinuxWeightDevice o, string name)
    {
        switch (name)
        {
            case "major": o.Major = r.Int64(); break;
            case "minor": o.Minor = r.Int64(); break;
            case "weight": o.Weight = r.NullableUInt16(); break;
            case "leafWeight": o.LeafWeight = r.NullableUInt16(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxThrottleDeviceType = "LibContainer.Config.LinuxThrottleDevice";

    internal static LinuxThrottleDevice ReadLinuxThrottleDevice(ref OciJsonReader r) => r.Object<LinuxThrottleDevice>(LinuxThrottleDeviceType, LinuxThrottleDeviceProperty)!;
    static bool LinuxThrottleDeviceProperty(ref OciJsonReader r, LinuxThrottleDevice o, string name)
    {
        switch (name)
        {
            case "major": o.Major = r.Int64(); break;
            case "minor": o.Minor = r.Int64(); break;
            case "rate": o.Rate = r.UInt64(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxHugepageLimitType = "LibContainer.Config.LinuxHugepageLimit";

    internal static LinuxHugepageLimit ReadLinuxHugepageLimit(ref OciJsonReader r) => r.Object<LinuxHugepageLimit>(LinuxHugepageLimitType, LinuxHugepageLimitProperty)!;
    static bool LinuxHugepageLimitProperty(ref OciJsonReader r, LinuxHugepageLimit o, string name)
    {
        switch (name)
        {
            case "pageSize": o.PageSize = r.RequiredString(LinuxHugepageLimitType); break;
            case "limit": o.Limit = r.UInt64(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxNetworkType = "LibContainer.Config.LinuxNetwork";

    internal static LinuxNetwork ReadLinuxNetwork(ref OciJsonReader r) => r.Object<LinuxNetwork>(LinuxNetworkType, LinuxNetworkProperty)!;
    static bool LinuxNetworkProperty(ref OciJsonReader r, LinuxNetwork o, string name)
    {
        switch (name)
        {
            case "classID": o.ClassId = r.NullableUInt32(); break;
            case "priorities": o.Priorities = r.List(ListOfLinuxInterfacePriority, ReadLinuxInterfacePriority); break;
            default: return false;
        }
        return true;
    }

    const string LinuxInterfacePriorityType = "LibContainer.Config.LinuxInterfacePriority";

    internal static LinuxInterfacePriority ReadLinuxInterfacePriority(ref OciJsonReader r) => r.Object<LinuxInterfacePriority>(LinuxInterfacePriorityType, LinuxInterfacePriorityProperty)!;
    static bool LinuxInterfacePriorityProperty(ref OciJsonReader r, LinuxInterfacePriority o, string name)
    {
        switch (name)
        {
            case "name": o.Name = r.RequiredString(LinuxInterfacePriorityType); break;
            case "priority": o.Priority = r.UInt32(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxRdmaType = "LibContainer.Config.LinuxRdma";

    internal static LinuxRdma ReadLinuxRdma(ref OciJsonReader r) => r.Object<LinuxRdma>(LinuxRdmaType, LinuxRdmaProperty)!;
    static bool LinuxRdmaProperty(ref OciJsonReader r, LinuxRdma o, string name)
    {
        switch (name)
        {
            case "hcaHandles": o.HcaHandles = r.NullableUInt32(); break;
            case "hcaObjects": o.HcaObjects = r.NullableUInt32(); break;
            default: return false;
        }
        return true;
    }
}
