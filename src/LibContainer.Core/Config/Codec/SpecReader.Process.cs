namespace LibContainer.Config.Codec;

public static partial class SpecReader
{
    const string ProcessType = "LibContainer.Config.Process";

    internal static Process ReadProcess(ref OciJsonReader r) => r.Object<Process>(ProcessType, ProcessProperty)!;
    static bool ProcessProperty(ref OciJsonReader r, Process o, string name)
    {
        switch (name)
        {
            case "terminal": o.Terminal = r.NullableBool(); break;
            case "consoleSize": o.ConsoleSize = ReadConsoleSize(ref r); break;
            case "user": o.User = r.Required(ReadUser(ref r), ProcessType); break;
            case "args": o.Args = r.StringList(); break;
            case "commandLine": o.CommandLine = r.String(); break;
            case "env": o.Env = r.StringList(); break;
            case "cwd": o.Cwd = r.RequiredString(ProcessType); break;
            case "capabilities": o.Capabilities = ReadLinuxCapabilities(ref r); break;
            case "rlimits": o.Rlimits = r.List(ListOfPosixRlimit, ReadPosixRlimit); break;
            case "noNewPrivileges": o.NoNewPrivileges = r.NullableBool(); break;
            case "apparmorProfile": o.ApparmorProfile = r.String(); break;
            case "oomScoreAdj": o.OomScoreAdj = r.NullableInt32(); break;
            case "scheduler": o.Scheduler = ReadScheduler(ref r); break;
            case "selinuxLabel": o.SelinuxLabel = r.String(); break;
            case "ioPriority": o.IoPriority = ReadIoPriority(ref r); break;
            case "execCPUAffinity": o.ExecCPUAffinity = ReadCpuAffinity(ref r); break;
            case "landlock": o.Landlock = ReadLandlock(ref r); break;
            default: return false;
        }
        return true;
    }

    const string ConsoleSizeType = "LibContainer.Config.ConsoleSize";

    internal static ConsoleSize ReadConsoleSize(ref OciJsonReader r) => r.Object<ConsoleSize>(ConsoleSizeType, ConsoleSizeProperty)!;
    static bool ConsoleSizeProperty(ref OciJsonReader r, ConsoleSize o, string name)
    {
        switch (name)
        {
            case "height": o.Height = r.UInt32(); break;
            case "width": o.Width = r.UInt32(); break;
            default: return false;
        }
        return true;
    }

    const string UserType = "LibContainer.Config.User";

    internal static User ReadUser(ref OciJsonReader r) => r.Object<User>(UserType, UserProperty)!;
    static bool UserProperty(ref OciJsonReader r, User o, string name)
    {
        switch (name)
        {
            case "uid": o.Uid = r.UInt32(); break;
            case "gid": o.Gid = r.UInt32(); break;
            case "umask": o.Umask = r.NullableUInt32(); break;
            case "additionalGids": o.AdditionalGids = OciJsonReader.UInt32List(ref r); break;
            case "username": o.Username = r.String(); break;
            default: return false;
        }
        return true;
    }

    const string LinuxCapabilitiesType = "LibContainer.Config.LinuxCapabilities";

    internal static LinuxCapabilities ReadLinuxCapabilities(ref OciJsonReader r) => r.Object<LinuxCapabilities>(LinuxCapabilitiesType, LinuxCapabilitiesProperty)!;
    static bool LinuxCapabilitiesProperty(ref OciJsonReader r, LinuxCapabilities o, string name)
    {
        switch (name)
        {
            case "bounding": o.Bounding = r.StringList(); break;
            case "effective": o.Effective = r.StringList(); break;
            case "inheritable": o.Inheritable = r.StringList(); break;
            case "permitted": o.Permitted = r.StringList(); break;
            case "ambient": o.Ambient = r.StringList(); break;
            default: return false;
        }
        return true;
    }

    const string PosixRlimitType = "LibContainer.Config.PosixRlimit";

    internal static PosixRlimit ReadPosixRlimit(ref OciJsonReader r) => r.Object<PosixRlimit>(PosixRlimitType, PosixRlimitProperty)!;
    static bool PosixRlimitProperty(ref OciJsonReader r, PosixRlimit o, string name)
    {
        switch (name)
        {
            case "type": o.Type = r.RequiredString(PosixRlimitType); break;
            case "hard": o.Hard = r.UInt64(); break;
            case "soft": o.Soft = r.UInt64(); break;
            default: return false;
        }
        return true;
    }

    const string SchedulerType = "LibContainer.Config.Scheduler";

    internal static Scheduler ReadScheduler(ref OciJsonReader r) => r.Object<Scheduler>(SchedulerType, SchedulerProperty)!;
    static bool SchedulerProperty(ref OciJsonReader r, Scheduler o, string name)
    {
        switch (name)
        {
            case "policy": o.Policy = r.RequiredString(SchedulerType); break;
            case "nice": o.Nice = r.NullableInt32(); break;
            case "priority": o.Priority = r.NullableInt32(); break;
            case "flags": o.Flags = r.StringList(); break;
            case "runtime": o.Runtime = r.NullableUInt64(); break;
            case "deadline": o.Deadline = r.NullableUInt64(); break;
            case "period": o.Period = r.NullableUInt64(); break;
            default: return false;
        }
        return true;
    }

    const string IoPriorityType = "LibContainer.Config.IoPriority";

    internal static IoPriority ReadIoPriority(ref OciJsonReader r) => r.Object<IoPriority>(IoPriorityType, IoPriorityProperty)!;
    static bool IoPriorityProperty(ref OciJsonReader r, IoPriority o, string name)
    {
        switch (name)
        {
            case "class": o.Class = r.RequiredString(IoPriorityType); break;
            case "priority": o.Priority = r.Int32(); break;
            default: return false;
        }
        return true;
    }

    const string CpuAffinityType = "LibContainer.Config.CpuAffinity";

    internal static CpuAffinity ReadCpuAffinity(ref OciJsonReader r) => r.Object<CpuAffinity>(CpuAffinityType, CpuAffinityProperty)!;
    static bool CpuAffinityProperty(ref OciJsonReader r, CpuAffinity o, string name)
    {
        switch (name)
        {
            case "initial": o.Initial = r.String(); break;
            case "final": o.Final = r.String(); break;
            default: return false;
        }
        return true;
    }
}
