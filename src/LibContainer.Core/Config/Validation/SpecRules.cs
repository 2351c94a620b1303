using System.Text.RegularExpressions;

namespace LibContainer.Config.Validation;

/// <summary>Top level: ociVersion, root, hostname/domainname, annotations, hooks; then the section rule files.</summary>
internal static partial class SpecRules
{
    public static void Check(Validator v)
    {
        Spec spec = v.Spec;
        if (spec.OciVersion is null || !OciVersion().IsMatch(spec.OciVersion))
            v.Error("ociVersion", $"{Validator.Q(spec.OciVersion)} is not a supported version (expected 1.x.y)");

        if (spec.Root is null) v.Error("root", "is required (the container's root filesystem)");
        else if (string.IsNullOrEmpty(spec.Root.Path)) v.Error("root.path", "is required (the container's root filesystem)");
        else if (spec.Root.Path.Contains('\0')) v.Error("root.path", $"{Validator.Q(spec.Root.Path)} is not a path");

        HostName(v, "hostname", spec.Hostname);
        HostName(v, "domainname", spec.Domainname);

        if (spec.Annotations is not null)
            foreach (string key in spec.Annotations.Keys)
                if (key.Length == 0) v.Error("annotations", "has an empty key");

        if (spec.Hooks is { } hooks)
        {
            Hooks(v, "hooks.prestart", hooks.Prestart);
            Hooks(v, "hooks.createRuntime", hooks.CreateRuntime);
            Hooks(v, "hooks.createContainer", hooks.CreateContainer);
            Hooks(v, "hooks.startContainer", hooks.StartContainer);
            Hooks(v, "hooks.poststart", hooks.Poststart);
            Hooks(v, "hooks.poststop", hooks.Poststop);
        }

        ProcessRules.Check(v);
        MountRules.Check(v);
        NamespaceRules.Check(v);
        LinuxRules.Check(v);
        ResourceRules.Check(v);
        SeccompRules.Check(v);
        NetworkAnnotationRules.Check(v);
    }

    static void HostName(Validator v, string path, string? name)
    {
        if (string.IsNullOrEmpty(name)) return;
        if (!v.HasNamespace("uts"))
            v.Error(path, $"{Validator.Q(name)} needs a uts namespace ({Validator.NoNamespace("uts")})");
        if (name.Length > 64) v.Error(path, $"{Validator.Q(name)} is longer than 64 characters");
        else if (name.Any(c => c <= ' ' || c == '/' || c >= 127))
            v.Error(path, $"{Validator.Q(name)} contains a space, '/' or a control character");
    }

    static void Hooks(Validator v, string path, List<Hook>? hooks) => v.Each(hooks, path, (hook, p) =>
    {
        v.Absolute($"{p}.path", hook.Path);
        if (hook.Timeout is int t && t <= 0) v.Error($"{p}.timeout", $"{t} is not a timeout (must be > 0 seconds)");
        v.KeyValues($"{p}.env", hook.Env);
    });

    [GeneratedRegex(@"^1\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex OciVersion();
}
