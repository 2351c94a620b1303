using LibContainer.Security;

namespace LibContainer.Config;

/// <summary>The one place that decides which config fields this runtime applies on this host and which it refuses
/// (and why). `create` (through <see cref="HostCheck"/>) and `exec` throw on <see cref="Refusals(Spec, HostFacts)"/> before anything exists; the
/// table in docs/config.md and `nsinit features` read <see cref="Fields"/> and <see cref="HostFacts"/>.</summary>
public static class ConfigSupport
{
    /// <summary>Every config field whose support is not simply "applied": refused always, or only when the host lacks
    /// something. Paths are JSON paths of runtime-spec 1.3; a field not listed here is applied as the spec says.</summary>
    public static IReadOnlyList<FieldSupport> Fields { get; } =
    [
        new("linux.intelRdt", Support.Refused, "Intel RDT (resctrl) is not implemented by this runtime"),
        new("linux.mountLabel", Support.NeedsHost, "needs SELinux enabled in the kernel"),
        new("process.selinuxLabel", Support.NeedsHost, "needs SELinux enabled in the kernel"),
        new("process.apparmorProfile", Support.NeedsHost, "needs AppArmor enabled in the kernel (\"unconfined\" always works)"),
        new("process.capabilities", Support.NeedsHost, "each capability must be in the host's bounding set"),
        new("linux.personality.flags", Support.Refused, "no personality flag is supported (only the domain)"),
        new("windows", Support.Refused, "not a Linux section"),
        new("solaris", Support.Refused, "not a Linux section"),
        new("vm", Support.Refused, "virtual-machine containers are not supported"),
        new("zos", Support.Refused, "not a Linux section"),
    ];

    /// <summary>Whether <paramref name="path"/> (a JSON path from <see cref="Fields"/>) can be applied on
    /// <paramref name="host"/>; fields not in <see cref="Fields"/> are applied.</summary>
    public static bool IsApplied(string path, HostFacts host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return path switch
        {
            "linux.mountLabel" or "process.selinuxLabel" => host.Selinux,
            "process.apparmorProfile" => host.AppArmor,
            _ => Fields.FirstOrDefault(f => f.Path == path) is not { Support: Support.Refused },
        };
    }

    /// <summary>What <paramref name="spec"/> asks for that this runtime will not do on this host (empty: all applied).</summary>
    public static IReadOnlyList<ConfigError> Refusals(Spec spec) => Refusals(spec, HostFacts.Current);

    public static IReadOnlyList<ConfigError> Refusals(Spec spec, HostFacts host)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(host);
        var errors = new List<ConfigError>();
        if (spec.Process is { } p) errors.AddRange(ProcessRefusals(p, "process", spec.Format != ConfigFormat.Seed, host));
        foreach (var section in (string[])["windows", "solaris", "vm", "zos"])
            if (spec.ExtensionData?.ContainsKey(section) == true) errors.Add(Refuse(section));
        if (spec.Linux is not { } linux) return errors;
        if (linux.IntelRdt is not null) errors.Add(Refuse("linux.intelRdt"));
        if (linux.MountLabel is { Length: > 0 } && !host.Selinux && spec.Format != ConfigFormat.Seed) errors.Add(Refuse("linux.mountLabel"));
        if (linux.Personality?.Flags is { Count: > 0 }) errors.Add(Refuse("linux.personality.flags"));
        return errors;
    }

    /// <summary>The refusals for one process (the container's, or an `exec`'s at <paramref name="path"/>); the labels
    /// only when <paramref name="labels"/> (a seed container.json's, and those create already accepted, are not).</summary>
    public static IReadOnlyList<ConfigError> ProcessRefusals(Process process, string path, bool labels, HostFacts host)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(host);
        var errors = new List<ConfigError>();
        if (process.Capabilities is { } caps)
        {
            OutsideBounding(errors, $"{path}.capabilities.bounding", caps.Bounding, host);
            OutsideBounding(errors, $"{path}.capabilities.effective", caps.Effective, host);
            OutsideBounding(errors, $"{path}.capabilities.inheritable", caps.Inheritable, host);
            OutsideBounding(errors, $"{path}.capabilities.permitted", caps.Permitted, host);
            OutsideBounding(errors, $"{path}.capabilities.ambient", caps.Ambient, host);
        }
        // The seed's 2015 container.json files ask for labels; they run with a warning (LabelWarning) instead.
        if (!labels) return errors;
        if (process.ApparmorProfile is { Length: > 0 } and not "unconfined" && !host.AppArmor)
            errors.Add(new ConfigError($"{path}.apparmorProfile", $"{Q(process.ApparmorProfile)} cannot be applied: AppArmor is not enabled in this kernel"));
        if (process.SelinuxLabel is { Length: > 0 } && !host.Selinux)
            errors.Add(new ConfigError($"{path}.selinuxLabel", $"{Q(process.SelinuxLabel)} cannot be applied: SELinux is not enabled in this kernel"));
        return errors;
    }

    /// <summary>For a seed container.json only: the labels it asks for that this kernel cannot apply (null: none).</summary>
    public static string? LabelWarning(Spec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Format != ConfigFormat.Seed) return null;
        var warning = Labels.DegradeWarning(spec.Process?.ApparmorProfile, spec.Process?.SelinuxLabel);
        if (spec.Linux?.MountLabel is { Length: > 0 } ml && !HostFacts.Current.Selinux)
            warning = (warning is null ? "" : warning + "; ") + $"mount label \"{ml}\" not applied: SELinux is not enabled in this kernel";
        return warning;
    }

    private static void OutsideBounding(List<ConfigError> errors, string path, List<string>? names, HostFacts host)
    {
        if (names is null) return;
        for (int i = 0; i < names.Count; i++)
            if (Capabilities.TryParse(names[i], out int cap) && cap < 64 && (host.BoundingSet & (1UL << cap)) == 0)
                errors.Add(new ConfigError($"{path}[{i}]", $"{Capabilities.Name(cap)} is not in this host's capability bounding set: no process started here can hold it"));
    }

    private static ConfigError Refuse(string path) =>
        new(path, "refused: " + Fields.First(f => f.Path == path).Reason);

    private static string Q(string value) => Validation.Validator.Q(value);
}

/// <summary>How a config field is supported: <see cref="Support.Refused"/> everywhere, or applied only when the host
/// has what it needs (<see cref="Support.NeedsHost"/>; see <see cref="ConfigSupport.IsApplied"/>).</summary>
public enum Support
{
    Applied,
    NeedsHost,
    Refused,
}

/// <summary>One row of <see cref="ConfigSupport.Fields"/>: a JSON path, its support and the reason.</summary>
public sealed record FieldSupport(string Path, Support Support, string Reason);
