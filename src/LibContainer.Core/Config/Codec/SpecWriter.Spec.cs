using System.Text.Json;

namespace LibContainer.Config.Codec;

public static partial class SpecWriter
{
    internal static void WriteSpec(Utf8JsonWriter w, Spec o)
    {
        w.WriteStartObject();
        w.Str("ociVersion", o.OciVersion);
        w.Obj("process", o.Process, WriteProcess);
        w.Obj("root", o.Root, WriteRoot);
        w.Str("hostname", o.Hostname);
        w.Str("domainname", o.Domainname);
        w.List("mounts", o.Mounts, WriteMount);
        w.Obj("hooks", o.Hooks, WriteHooks);
        w.StringMap("annotations", o.Annotations);
        w.Obj("linux", o.Linux, WriteLinux);
        w.EndObject(o);
    }

    internal static void WriteRoot(Utf8JsonWriter w, Root o)
    {
        w.WriteStartObject();
        w.Str("path", o.Path);
        w.Bool("readonly", o.Readonly);
        w.EndObject(o);
    }

    internal static void WriteMount(Utf8JsonWriter w, Mount o)
    {
        w.WriteStartObject();
        w.Str("destination", o.Destination);
        w.Str("source", o.Source);
        w.Strings("options", o.Options);
        w.Str("type", o.Type);
        w.List("uidMappings", o.UidMappings, WriteIdMapping);
        w.List("gidMappings", o.GidMappings, WriteIdMapping);
        w.EndObject(o);
    }

    internal static void WriteHooks(Utf8JsonWriter w, Hooks o)
    {
        w.WriteStartObject();
        w.List("prestart", o.Prestart, WriteHook);
        w.List("createRuntime", o.CreateRuntime, WriteHook);
        w.List("createContainer", o.CreateContainer, WriteHook);
        w.List("startContainer", o.StartContainer, WriteHook);
        w.List("poststart", o.Poststart, WriteHook);
        w.List("poststop", o.Poststop, WriteHook);
        w.EndObject(o);
    }

    internal static void WriteHook(Utf8JsonWriter w, Hook o)
    {
        w.WriteStartObject();
        w.Str("path", o.Path);
        w.Strings("args", o.Args);
        w.Strings("env", o.Env);
        w.Num("timeout", o.Timeout);
        w.EndObject(o);
    }

    internal static void WriteContainerStateJson(Utf8JsonWriter w, ContainerStateJson o)
    {
        w.WriteStartObject();
        w.Str("ociVersion", o.OciVersion);
        w.Str("id", o.Id);
        w.Str("status", o.Status);
        w.Num("pid", o.Pid);
        w.Str("bundle", o.Bundle);
        w.StringMap("annotations", o.Annotations);
        w.EndObject(o);
    }
}
