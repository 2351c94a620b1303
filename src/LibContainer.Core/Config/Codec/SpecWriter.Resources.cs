using System.Text.Json;

namespace LibContainer.Config.Codec;

public static partial class SpecWriter
{
    internal static void WriteLinuxResources(Utf8JsonWriter w, LinuxResources o)
    {
        w.WriteStartObject();
        w.List("devices", o.Devices, WriteLinuxDeviceCgroup);
        w.Obj("memory", o.Memory, WriteLinuxMemory);
        w.Obj("cpu", o.Cpu, WriteLinuxCpu);
        w.Obj("pids", o.Pids, WriteLinuxPids);
        w.Obj("blockIO", o.BlockIO, WriteLinuxBlockIo);
        w.List("hugepageLimits", o.HugepageLimits, WriteLinuxHugepageLimit);
        w.Obj("network", o.Network, WriteLinuxNetwork);
        w.Map("rdma", o.Rdma, WriteLinuxRdma);
        w.StringMap("unified", o.Unified);
        w.EndObject(o);
    }

    internal static void WriteLinuxDeviceCgroup(Utf8JsonWriter w, LinuxDeviceCgroup o)
    {
        w.WriteStartObject();
        w.Bool("allow", o.Allow);
        w.Str("type", o.Type);
        w.Num("major", o.Major);
        w.Num("minor", o.Minor);
        w.Str("access", o.Access);
        w.EndObject(o);
    }

    internal static void WriteLinuxMemory(Utf8JsonWriter w, LinuxMemory o)
    {
        w.WriteStartObject();
        w.Num("limit", o.Limit);
        w.Num("reservation", o.Reservation);
        w.Num("swap", o.Swap);
        w.Num("kernel", o.Kernel);
        w.Num("kernelTCP", o.KernelTcp);
        w.Num("swappiness", o.Swappiness);
        w.Bool("disableOOMKiller", o.DisableOomKiller);
        w.Bool("useHierarchy", o.UseHierarchy);
        w.Bool("checkBeforeUpdate", o.CheckBeforeUpdate);
        w.EndObject(o);
    }

    internal static void WriteLinuxCpu(Utf8JsonWriter w, LinuxCpu o)
    {
        w.WriteStartObject();
        w.Num("shares", o.Shares);
        w.Num("quota", o.Quota);
        w.Num("burst", o.Burst);
        w.Num("period", o.Period);
        w.Num("realtimeRuntime", o.RealtimeRuntime);
        w.Num("realtimePeriod", o.RealtimePeriod);
        w.Str("cpus", o.Cpus);
        w.Str("mems", o.Mems);
        w.Num("idle", o.Idle);
        w.EndObject(o);
    }

    internal static void WriteLinuxPids(Utf8JsonWriter w, LinuxPids o)
    {
        w.WriteStartObject();
        w.Num("limit", o.Limit);
        w.EndObject(o);
    }

    internal static void WriteLinuxBlockIo(Utf8JsonWriter w, LinuxBlockIo o)
    {
        w.WriteStartObject();
        w.Num("weight", o.Weight);
        w.Num("leafWeight", o.LeafWeight);
        w.List("weightDevice", o.WeightDevice, WriteLinuxWeightDevice);
        w.List("throttleReadBpsDevice", o.ThrottleReadBpsDevice, WriteLinuxThrottleDevice);
        w.List("throttleWriteBpsDevice", o.ThrottleWriteBpsDevice, WriteLinuxThrottleDevice);
        w.List("throttleReadIOPSDevice", o.ThrottleReadIopsDevice, WriteLinuxThrottleDevice);
        w.List("throttleWriteIOPSDevice", o.ThrottleWriteIopsDevice, WriteLinuxThrottleDevice);
        w.EndObject(o);
    }

    internal static void WriteLinuxWeightDevice(Utf8JsonWriter w, LinuxWeightDevice o)
    {
        w.WriteStartObject();
        w.Num("major", o.Major);
        w.Num("minor", o.Minor);
        w.Num("weight", o.Weight);
        w.Num("leafWeight", o.LeafWeight);
        w.EndObject(o);
    }

    internal static void WriteLinuxThrottleDevice(Utf8JsonWriter w, LinuxThrottleDevice o)
    {
        w.WriteStartObject();
        w.Num("major", o.Major);
        w.Num("minor", o.Minor);
        w.Num("rate", o.Rate);
        w.EndObject(o);
    }

    internal static void WriteLinuxHugepageLimit(Utf8JsonWriter w, LinuxHugepageLimit o)
    {
        w.WriteStartObject();
        w.Str("pageSize", o.PageSize);
        w.Num("limit", o.Limit);
        w.EndObject(o);
    }

    internal static void WriteLinuxNetwork(Utf8JsonWriter w, LinuxNetwork o)
    {
        w.WriteStartObject();
        w.Num("classID", o.ClassId);
        w.List("priorities", o.Priorities, WriteLinuxInterfacePriority);
        w.EndObject(o);
    }

    internal static void WriteLinuxInterfacePriority(Utf8JsonWriter w, LinuxInterfacePriority o)
    {
        w.WriteStartObject();
        w.Str("name", o.Name);
        w.Num("priority", o.Priority);
        w.EndObject(o);
    }

    internal static void WriteLinuxRdma(Utf8JsonWriter w, LinuxRdma o)
    {
        w.WriteStartObject();
        w.Num("hcaHandles", o.HcaHandles);
        w.Num("hcaObjects", o.HcaObjects);
        w.EndObject(o);
    }
}
