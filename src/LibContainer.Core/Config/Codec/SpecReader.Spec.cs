namespace LibContainer.Config.Codec;

public static partial class SpecReader
{
    const string SpecType = "LibContainer.Config.Spec";

    internal static Spec ReadSpec(ref OciJsonReader r) => r.Object<Spec>(SpecType, SpecProperty)!;
    static bool SpecProperty(ref OciJsonReader r, Spec o, string name)
    {
        switch (name)
        {
            case "ociVersion": o.OciVersion = r.RequiredString(SpecType); break;
            case "process": o.Process = ReadProcess(ref r); break;
            case "root": o.Root = ReadRoot(ref r); break;
            case "hostname": o.Hostname = r.String(); break;
            case "domainname": o.Domainname = r.String(); break;
            case "mounts": o.Mounts = r.List(ListOfMount, ReadMount); break;
            case "hooks": o.Hooks = ReadHooks(ref r); break;
            case "annotations": o.Annotations = r.StringMap(); break;
            case "linux": o.Linux = ReadLinux(ref r); break;
            default: return false;
        }
        return true;
    }

    const string RootType = "LibContainer.Config.Root";

    internal static Root ReadRoot(ref OciJsonReader r) => r.Object<Root>(RootType, RootProperty)!;
    static bool RootProperty(ref OciJsonReader r, Root o, string name)
    {
        switch (name)
        {
            case "path": o.Path = r.RequiredString(RootType); break;
            case "readonly": o.Readonly = r.NullableBool(); break;
            default: return false;
        }
        return true;
    }

    const string MountType = "LibContainer.Config.Mount";

    internal static Mount ReadMount(ref OciJsonReader r) => r.Object<Mount>(MountType, MountProperty)!;
    static bool MountProperty(ref OciJsonReader r, Mount o, string name)
    {
        switch (name)
        {
            case "destination": o.Destination = r.RequiredString(MountType); break;
            case "source": o.Source = r.String(); break;
            case "options": o.Options = r.StringList(); break;
            case "type": o.Type = r.String(); break;
            case "uidMappings": o.UidMappings = r.List(ListOfIdMapping, ReadIdMapping); break;
            case "gidMappings": o.GidMappings = r.List(ListOfIdMapping, ReadIdMapping); break;
            default: return false;
        }
        return true;
    }

    const string HooksType = "LibContainer.Config.Hooks";

    internal static Hooks ReadHooks(ref OciJsonReader r) => r.Object<Hooks>(HooksType, HooksProperty)!;
    static bool HooksProperty(ref OciJsonReader r, Hooks o, string name)
    {
        switch (name)
        {
            case "prestart": o.Prestart = r.List(ListOfHook, ReadHook); break;
            case "createRuntime": o.CreateRuntime = r.List(ListOfHook, ReadHook); break;
            case "createContainer": o.CreateContainer = r.List(ListOfHook, ReadHook); break;
            case "startContainer": o.StartContainer = r.List(ListOfHook, ReadHook); break;
            case "poststart": o.Poststart = r.List(ListOfHook, ReadHook); break;
            case "poststop": o.Poststop = r.List(ListOfHook, ReadHook); break;
            default: return false;
        }
        return true;
    }

    const string HookType = "LibContainer.Config.Hook";

    internal static Hook ReadHook(ref OciJsonReader r) => r.Object<Hook>(HookType, HookProperty)!;
    static bool HookProperty(ref OciJsonReader r, Hook o, string name)
    {
        switch (name)
        {
            case "path": o.Path = r.RequiredString(HookType); break;
            case "args": o.Args = r.StringList(); break;
            case "env": o.Env = r.StringList(); break;
            case "timeout": o.Timeout = r.NullableInt32(); break;
            default: return false;
        }
        return true;
    }

    const string ContainerStateJsonType = "LibContainer.Config.ContainerStateJson";

    internal static ContainerStateJson ReadContainerStateJson(ref OciJsonReader r) => r.Object<ContainerStateJson>(ContainerStateJsonType, ContainerStateJsonProperty)!;
    static bool ContainerStateJsonProperty(ref OciJsonReader r, ContainerStateJson o, string name)
    {
        switch (name)
        {
            case "ociVersion": o.OciVersion = r.RequiredString(ContainerStateJsonType); break;
            case "id": o.Id = r.RequiredString(ContainerStateJsonType); break;
            case "status": o.Status = r.RequiredString(ContainerStateJsonType); break;
            case "pid": o.Pid = r.NullableInt32(); break;
            case "bundle": o.Bundle = r.RequiredString(ContainerStateJsonType); break;
            case "annotations": o.Annotations = r.StringMap(); break;
            default: return false;
        }
        return true;
    }
}
