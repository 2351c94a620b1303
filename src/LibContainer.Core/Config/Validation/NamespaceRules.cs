using System.Text.RegularExpressions;

namespace LibContainer.Config.Validation;

/// <summary>linux.namespaces, the user namespace's id mappings, time offsets and sysctls (which need namespaces).</summary>
internal static partial class NamespaceRules
{
    public static void Check(Validator v)
    {
        if (v.Spec.Linux is not { } linux) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        v.Each(linux.Namespaces, "linux.namespaces", (ns, p) =>
        {
            if (ns.Type is null || !OciNames.NamespaceTypes.Contains(ns.Type))
                v.Error($"{p}.type", $"{Validator.Q(ns.Type)} is not a namespace type (expected one of: {string.Join(", ", OciNames.NamespaceTypes)})");
            else if (!seen.Add(ns.Type))
                v.Error($"{p}.type", $"{Validator.Q(ns.Type)} is listed more than once");
            if (ns.Path is not null) v.Absolute($"{p}.path", ns.Path);
        });

        LinuxNamespace? user = linux.Namespaces?.FirstOrDefault(n => n?.Type == "user");
        foreach ((string name, List<IdMapping>? maps) in new[] { ("uidMappings", linux.UidMappings), ("gidMappings", linux.GidMappings) })
        {
            string p = $"linux.{name}";
            bool any = maps is { Count: > 0 };
            if (user is null && any)
                v.Error(p, $"needs a user namespace ({Validator.NoNamespace("user")})");
            else if (user is { Path: null } && !any)
                v.Error(p, "is required with a new user namespace");
            Mappings(v, p, maps);
        }

        if (linux.TimeOffsets is { Count: > 0 } offsets)
        {
            LinuxNamespace? time = linux.Namespaces?.FirstOrDefault(n => n?.Type == "time");
            if (time is null)
                v.Error("linux.timeOffsets", $"needs a time namespace ({Validator.NoNamespace("time")})");
            else if (time.Path is not null)
                v.Error("linux.timeOffsets", "cannot be set when joining an existing time namespace (linux.namespaces gives a path)");
            foreach ((string clock, TimeOffset? offset) in offsets)
            {
                string p = Validator.Key("linux.timeOffsets", clock);
                if (clock is not "monotonic" and not "boottime")
                    v.Error(p, $"{Validator.Q(clock)} is not a clock (expected one of: monotonic, boottime)");
                if (offset is null) v.Error(p, "must not be null");
                else if (offset.Nanosecs > 999_999_999) v.InRange($"{p}.nanosecs", offset.Nanosecs, 0, 999_999_999);
            }
        }

        if (linux.Sysctl is not null)
            foreach ((string key, string? value) in linux.Sysctl)
                Sysctl(v, key, value);
    }

    public static void Mappings(Validator v, string path, List<IdMapping>? maps) => v.Each(maps, path, (m, p) =>
    {
        if (m.Size == 0) v.Error($"{p}.size", "0 is not a mapping size (must be > 0)");
        else if ((ulong)m.ContainerId + m.Size > uint.MaxValue + 1UL || (ulong)m.HostId + m.Size > uint.MaxValue + 1UL)
            v.Error($"{p}.size", $"{m.Size} makes the range run past 4294967295");
    });

    static void Sysctl(Validator v, string key, string? value)
    {
        string p = Validator.Key("linux.sysctl", key);
        if (!SysctlName().IsMatch(key))
        {
            v.Error(p, $"{Validator.Q(key)} is not a sysctl name");
            return;
        }
        if (value is null) v.Error(p, "must not be null");
        string? ns = OciNames.SysctlNamespace(key);
        if (ns is null)
            v.Error(p, $"{Validator.Q(key)} is not namespaced and cannot be set in a container");
        else if (!v.HasNamespace(ns))
            v.Error(p, $"{Validator.Q(key)} needs {(ns == "ipc" ? "an" : "a")} {ns} namespace ({Validator.NoNamespace(ns)})");
        else if (key.Replace('/', '.') == "kernel.hostname" && !string.IsNullOrEmpty(v.Spec.Hostname))
            v.Error(p, "\"kernel.hostname\" conflicts with hostname (set one of them)");
        else if (key.Replace('/', '.') == "kernel.domainname" && !string.IsNullOrEmpty(v.Spec.Domainname))
            v.Error(p, "\"kernel.domainname\" conflicts with domainname (set one of them)");
    }

    [GeneratedRegex(@"^[a-zA-Z0-9_\-]+([./][a-zA-Z0-9_\-]+)+$")]
    private static partial Regex SysctlName();
}
