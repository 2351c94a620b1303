using System.Text.Json;
using LibContainer.Config.Codec;

namespace LibContainer.Config;

/// <summary>
/// Converts the 2015 libcontainer container.json (the seed's format) to the OCI model, keeping everything it
/// configures: process settings, namespaces, mounts and device nodes, cgroup settings, networks and routes
/// (as annotations, see <see cref="NetworkAnnotations"/>), and any key it does not know (as
/// "org.libcontainer.seed.KEY" annotations with the raw JSON).
/// </summary>
internal static class SeedConfigReader
{
    /// <summary>Prefix of annotations that keep seed settings OCI has no field for.</summary>
    public const string AnnotationPrefix = "org.libcontainer.seed.";

    static readonly Dictionary<string, string> NamespaceTypes = new(StringComparer.Ordinal)
    {
        ["NEWNS"] = "mount", ["NEWUTS"] = "uts", ["NEWIPC"] = "ipc", ["NEWUSER"] = "user", ["NEWPID"] = "pid",
        ["NEWNET"] = "network", ["NEWCGROUP"] = "cgroup", ["NEWTIME"] = "time",
    };

    /// <param name="rootPath">The rootfs (the directory holding container.json); null when unknown: root.path is
    /// then "." and user/group names are not looked up (the host's /etc/passwd is not the container's).</param>
    public static Spec Convert(JsonElement root, string? rootPath, List<ConfigError> errors)
    {
        var c = new SeedObject(root, "", errors);
        var spec = new Spec
        {
            OciVersion = Spec.Version,
            Root = new Root { Path = rootPath ?? "." },
            Linux = new Linux(),
        };
        Linux linux = spec.Linux;

        spec.Hostname = NullIfEmpty(c.Str("hostname"));
        var process = new Process
        {
            Args = [],
            Env = c.Strings("environment") ?? [],
            Cwd = NullIfEmpty(c.Str("working_dir")) ?? "/",
            Terminal = c.Bool("tty"),
            ApparmorProfile = NullIfEmpty(c.Str("apparmor_profile")),
            SelinuxLabel = NullIfEmpty(c.Str("process_label")),
        };
        spec.Process = process;
        process.User = SeedUser.Parse(c.Str("user"), c.Strings("additional_groups"), rootPath, c);

        if (c.Strings("capabilities") is { } caps)
        {
            List<string> names = [.. caps.Select(n => n.StartsWith("CAP_", StringComparison.Ordinal) ? n : "CAP_" + n)];
            process.Capabilities = new LinuxCapabilities { Bounding = names, Effective = [.. names], Permitted = [.. names] };
        }

        foreach (SeedObject r in c.Objects("rlimits"))
        {
            long type = r.Long("type") ?? 0;
            string name = type >= 0 && type < OciNames.Rlimits.Count ? OciNames.Rlimits[(int)type] : $"RLIMIT_{type}";
            if (type < 0 || type >= OciNames.Rlimits.Count)
                r.Error("type", $"{type} is not an rlimit number (expected 0..{OciNames.Rlimits.Count - 1})");
            (process.Rlimits ??= []).Add(new PosixRlimit { Type = name, Hard = r.ULong("hard") ?? 0, Soft = r.ULong("soft") ?? 0 });
        }

        linux.Namespaces = Namespaces(c, errors);
        linux.UidMappings = Mappings(c, "uid_mappings");
        linux.GidMappings = Mappings(c, "gid_mappings");

        if (c.Bool("restrict_sys"))
        {
            linux.MaskedPaths = [.. SpecDefaults.MaskedPaths];
            linux.ReadonlyPaths = [.. SpecDefaults.ReadonlyPaths];
        }

        spec.Mounts = DefaultMounts();
        if (c.Obj("mount_config") is { } mc)
        {
            if (mc.Bool("readonly_fs")) spec.Root.Readonly = true;
            if (mc.Bool("no_pivot_root")) Annotate(spec, "no_pivot_root", "true");
            linux.MountLabel = NullIfEmpty(mc.Str("mount_label"));
            foreach (SeedObject m in mc.Objects("mounts")) spec.Mounts.Add(SeedMount(m));
            foreach (SeedObject d in mc.Objects("device_nodes")) (linux.Devices ??= []).Add(SeedDevices.Node(d));
            KeepUnread(spec, mc, "mount_config.");
        }

        if (c.Obj("cgroups") is { } cg) SeedDevices.Cgroups(cg, spec);
        SeedNetworks.Convert(c, spec);
        KeepUnread(spec, c, "");
        return spec;
    }

    static List<LinuxNamespace> Namespaces(SeedObject c, List<ConfigError> errors)
    {
        var list = new List<LinuxNamespace>();
        if (c.Get("namespaces") is not { } ns) return list;
        // 2014 form: {"NEWNET": true, …}; 2015 form: [{"type": "NEWNET", "path": "…"}, …].
        if (ns.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in ns.EnumerateObject())
            {
                if (p.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    errors.Add(new ConfigError($"namespaces.{p.Name}", $"is {ConfigLoader.Kind(p.Value.ValueKind)}, expected true or false"));
                else if (p.Value.GetBoolean() && Type(p.Name, $"namespaces.{p.Name}") is { } t)
                    list.Add(new LinuxNamespace { Type = t });
            }
            return list;
        }
        foreach (SeedObject n in c.Objects("namespaces"))
            if (Type(n.Str("type"), n.Sub("type")) is { } t)
                list.Add(new LinuxNamespace { Type = t, Path = NullIfEmpty(n.Str("path")) });
        return list;

        string? Type(string? seedType, string path)
        {
            if (seedType is not null && NamespaceTypes.TryGetValue(seedType, out string? t)) return t;
            errors.Add(new ConfigError(path, $"{Validation.Validator.Q(seedType)} is not a seed namespace type (expected one of: {string.Join(", ", NamespaceTypes.Keys)})"));
            return null;
        }
    }

    static List<IdMapping>? Mappings(SeedObject c, string name)
    {
        List<IdMapping>? list = null;
        foreach (SeedObject m in c.Objects(name))
            (list ??= []).Add(new IdMapping
            {
                ContainerId = UInt(m, "container_id"),
                HostId = UInt(m, "host_id"),
                Size = UInt(m, "size"),
            });
        return list;
    }

    internal static uint UInt(SeedObject o, string name)
    {
        long v = o.Long(name) ?? 0;
        if (v is >= 0 and <= uint.MaxValue) return (uint)v;
        o.Error(name, $"{v} is out of range (0..{uint.MaxValue})");
        return 0;
    }

    /// <summary>The seed mounted these itself (mount/init.go); the OCI model spells them out.</summary>
    static List<Mount> DefaultMounts()
        => [.. SpecDefaults.Create().Mounts!.Where(m => m.Destination != "/sys/fs/cgroup")];

    static Mount SeedMount(SeedObject m)
    {
        string type = m.Str("type") ?? "";
        var mount = new Mount { Destination = m.Str("destination") ?? "", Source = NullIfEmpty(m.Str("source")), Type = type };
        bool writable = m.Bool("writable");
        var options = new List<string>();
        if (type == "bind")
        {
            options.Add("rbind");
            options.Add(writable ? "rw" : "ro");
        }
        else if (type == "tmpfs")
        {
            mount.Source ??= "tmpfs";
            options.AddRange(["nosuid", "nodev"]);
        }
        if (m.Bool("private")) options.Add("rprivate");
        if (m.Bool("slave")) options.Add("rslave");
        if (options.Count > 0) mount.Options = options;
        if (NullIfEmpty(m.Str("relabel")) is { } relabel)
            (mount.ExtensionData ??= [])["relabel"] = StringElement(relabel);
        foreach ((string name, JsonElement value) in m.Unread()) (mount.ExtensionData ??= [])[name] = value.Clone();
        return mount;
    }

    static JsonElement StringElement(string value)
    {
        using var doc = JsonDocument.Parse(SpecWriter.ToUtf8(value, static (w, v) => w.WriteStringValue(v), default));
        return doc.RootElement.Clone();
    }

    internal static void Annotate(Spec spec, string key, string value)
        => (spec.Annotations ??= new Dictionary<string, string>())[AnnotationPrefix + key] = value;

    internal static void KeepUnread(Spec spec, SeedObject o, string prefix)
    {
        foreach ((string name, JsonElement value) in o.Unread())
            Annotate(spec, prefix + name, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
    }

    internal static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
