using System.Text.Json;

namespace LibContainer.Config.Codec;

public static partial class SpecWriter
{
    internal static void WriteProcess(Utf8JsonWriter w, Process o)
    {
        w.WriteStartObject();
        w.Bool("terminal", o.Terminal);
        w.Obj("consoleSize", o.ConsoleSize, WriteConsoleSize);
        w.Obj("user", o.User, WriteUser);
        w.Strings("args", o.Args);
        w.Str("commandLine", o.CommandLine);
        w.Strings("env", o.Env);
        w.Str("cwd", o.Cwd);
        w.Obj("capabilities", o.Capabilities, WriteLinuxCapabilities);
        w.List("rlimits", o.Rlimits, WritePosixRlimit);
        w.Bool("noNewPrivileges", o.NoNewPrivileges);
        w.Str("apparmorProfile", o.ApparmorProfile);
        w.Num("oomScoreAdj", o.OomScoreAdj);
        w.Obj("scheduler", o.Scheduler, WriteScheduler);
        w.Str("selinuxLabel", o.SelinuxLabel);
        w.Obj("ioPriority", o.IoPriority, WriteIoPriority);
        w.Obj("execCPUAffinity", o.ExecCPUAffinity, WriteCpuAffinity);
        w.Obj("landlock", o.Landlock, WriteLandlock);
        w.EndObject(o);
    }

    internal static void WriteConsoleSize(Utf8JsonWriter w, ConsoleSize o)
    {
        w.WriteStartObject();
        w.Num("height", o.Height);
        w.Num("width", o.Width);
        w.EndObject(o);
    }

    internal static void WriteUser(Utf8JsonWriter w, User o)
    {
        w.WriteStartObject();
        w.Num("uid", o.Uid);
        w.Num("gid", o.Gid);
        w.Num("umask", o.Umask);
        w.List("additionalGids", o.AdditionalGids, static (x, v) => x.WriteNumberValue(v));
        w.Str("username", o.Username);
        w.EndObject(o);
    }

    internal static void WriteLinuxCapabilities(Utf8JsonWriter w, LinuxCapabilities o)
    {
        w.WriteStartObject();
        w.Strings("bounding", o.Bounding);
        w.Strings("effective", o.Effective);
        w.Strings("inheritable", o.Inheritable);
        w.Strings("permitted", o.Permitted);
        w.Strings("ambient", o.Ambient);
        w.EndObject(o);
    }

    internal static void WritePosixRlimit(Utf8JsonWriter w, PosixRlimit o)
    {
        w.WriteStartObject();
        w.Str("type", o.Type);
        w.Num("hard", o.Hard);
        w.Num("soft", o.Soft);
        w.EndObject(o);
    }

    internal static void WriteScheduler(Utf8JsonWriter w, Scheduler o)
    {
        w.WriteStartObject();
        w.Str("policy", o.Policy);
        w.Num("nice", o.Nice);
        w.Num("priority", o.Priority);
        w.Strings("flags", o.Flags);
        w.Num("runtime", o.Runtime);
        w.Num("deadline", o.Deadline);
        w.Num("period", o.Period);
        w.EndObject(o);
    }

    internal static void WriteIoPriority(Utf8JsonWriter w, IoPriority o)
    {
        w.WriteStartObject();
        w.Str("class", o.Class);
        w.Num("priority", o.Priority);
        w.EndObject(o);
    }

    internal static void WriteCpuAffinity(Utf8JsonWriter w, CpuAffinity o)
    {
        w.WriteStartObject();
        w.Str("initial", o.Initial);
        w.Str("final", o.Final);
        w.EndObject(o);
    }
}
