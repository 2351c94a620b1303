using System.Globalization;
using LibContainer.Cgroups;
using LibContainer.Interop;
using LibContainer.Security.Seccomp;

namespace LibContainer.Config;

/// <summary>"Will this config run on this host, and if not, why": every feature a config uses, checked against the
/// running host. `create` refuses a config on the same findings (<see cref="ThrowIfRefused"/>), so `nsinit check`
/// and `create` cannot disagree; check adds what only a trial can tell (idmapped mounts, made and dropped as create
/// makes them) and the warnings (limits above the parent cgroup's).</summary>
public static partial class HostCheck
{
    /// <summary>Every finding for <paramref name="spec"/> on this host, errors first.</summary>
    /// <param name="bundle">Where relative mount sources are resolved (the bundle directory).</param>
    /// <param name="cgroups">False when the runtime will not manage cgroups (--cgroup-manager disabled).</param>
    /// <param name="id">The container id the cgroup path is resolved for (an empty cgroupsPath means /nsinit/ID).</param>
    public static IReadOnlyList<HostFinding> Run(Spec spec, string bundle, bool cgroups = true, string id = "check")
    {
        var findings = Refusals(spec, cgroups).ToList();
        findings.AddRange(IdmappedMounts(spec, bundle));
        if (cgroups) findings.AddRange(ParentLimits(spec, id, CgroupHost.Current));
        return [.. findings.OrderBy(f => f.Severity)];
    }

    /// <summary>The errors create refuses a config on, found without making anything (no process, no mount).</summary>
    public static IEnumerable<HostFinding> Refusals(Spec spec, bool cgroups = true)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var e in ConfigSupport.Refusals(spec, HostFacts.Current))
            yield return new HostFinding(e.Path, e.Message, FixFor(e.Path), FindingSeverity.Error);
        foreach (var f in NamespaceFindings(spec)) yield return f;
        foreach (var f in SeccompFindings(spec)) yield return f;
        if (cgroups && spec.Linux?.Resources is { } r)
            foreach (var f in ControllerFindings(r, CgroupHost.Current)) yield return f;
    }

    /// <summary>`create`'s refusal: a ConfigException naming every error finding (HostUnsupported, or ConfigInvalid
    /// when only fields this runtime never applies are refused).</summary>
    public static void ThrowIfRefused(Spec spec, bool cgroups)
    {
        var errors = Refusals(spec, cgroups).Select(f => new ConfigError(f.Path, f.Problem)).ToList();
        if (errors.Count == 0) return;
        bool neverApplied = errors.All(e => ConfigSupport.Fields.Any(f => f.Path == e.Path && f.Support == Support.Refused));
        throw new ConfigException(errors, null, neverApplied ? ContainerErrorKind.ConfigInvalid : ContainerErrorKind.HostUnsupported);
    }

    private static string FixFor(string path) => path switch
    {
        _ when path.Contains(".capabilities.", StringComparison.Ordinal) =>
            $"remove it from {path[..path.LastIndexOf('[')]}, or run nsinit from a process whose bounding set holds it",
        _ when path.EndsWith("apparmorProfile", StringComparison.Ordinal) => "remove the profile (or use \"unconfined\"), or boot with AppArmor enabled",
        _ when path.EndsWith("Label", StringComparison.Ordinal) => "remove the label, or boot with SELinux enabled",
        _ => $"remove {path}: this runtime does not apply it",
    };

    private static IEnumerable<HostFinding> NamespaceFindings(Spec spec)
    {
        foreach (var (ns, i) in (spec.Linux?.Namespaces ?? []).Select((n, i) => (n, i)))
        {
            if (ns.Path is { Length: > 0 }) continue; // joining one that exists
            var known = Runtime.Launch.Namespaces.All.FirstOrDefault(n => n.Type == ns.Type);
            if (known.ProcName is null) continue; // validation names an unknown type
            string path = $"linux.namespaces[{i}]";
            if (!File.Exists("/proc/self/ns/" + known.ProcName))
                yield return new(path, $"this kernel ({KernelRelease()}) has no {ns.Type} namespace",
                    $"remove the {ns.Type} namespace, or use a kernel built with it", FindingSeverity.Error);
            else if (ReadNumber($"/proc/sys/user/max_{known.ProcName}_namespaces") == 0) // the user-namespace limit too
                yield return new(path, $"{ns.Type} namespaces are disabled on this host (/proc/sys/user/max_{known.ProcName}_namespaces is 0)",
                    $"sysctl -w user.max_{known.ProcName}_namespaces=10000, or remove the {ns.Type} namespace", FindingSeverity.Error);
        }
    }

    private static IEnumerable<HostFinding> SeccompFindings(Spec spec)
    {
        if (spec.Linux?.Seccomp is not { } seccomp) yield break;
        if (LibSeccomp.Instance is null)
        {
            yield return new("linux.seccomp", $"{LibSeccomp.SoName} cannot be loaded on this host", "apt-get install libseccomp2", FindingSeverity.Error);
            yield break;
        }
        var available = (ReadText("/proc/sys/kernel/seccomp/actions_avail") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (available.Length == 0) yield break; // an old kernel without the list: the filter load says it
        var actions = new List<(string Path, string Action)> { ("linux.seccomp.defaultAction", seccomp.DefaultAction) };
        actions.AddRange((seccomp.Syscalls ?? []).Select((s, i) => ($"linux.seccomp.syscalls[{i}].action", s.Action)));
        foreach (var (path, action) in actions)
            if (KernelAction(action) is { } kernel && !available.Contains(kernel))
                yield return new(path, $"{action} needs the kernel's seccomp action \"{kernel}\", which this kernel ({KernelRelease()}) lacks (/proc/sys/kernel/seccomp/actions_avail)",
                    "use another action, or a newer kernel", FindingSeverity.Error);
    }

    // The kernel's name (actions_avail) of an OCI seccomp action.
    private static string? KernelAction(string action) => action switch
    {
        "SCMP_ACT_KILL" or "SCMP_ACT_KILL_THREAD" => "kill_thread",
        "SCMP_ACT_KILL_PROCESS" => "kill_process",
        "SCMP_ACT_TRAP" => "trap",
        "SCMP_ACT_ERRNO" => "errno",
        "SCMP_ACT_NOTIFY" => "user_notif",
        "SCMP_ACT_TRACE" => "trace",
        "SCMP_ACT_LOG" => "log",
        "SCMP_ACT_ALLOW" => "allow",
        _ => null,
    };

    private static IEnumerable<HostFinding> IdmappedMounts(Spec spec, string bundle)
    {
        for (int i = 0; i < (spec.Mounts?.Count ?? 0); i++)
        {
            string? problem = null;
            try { Rootfs.IdmappedMounts.Probe(spec, i, bundle); }
            catch (ContainerException e) { problem = e.Message; }
            catch (SyscallException e) { problem = e.Message; }
            if (problem is null) continue;
            string path = $"mounts[{i}]";
            if (problem.StartsWith(path + ": ", StringComparison.Ordinal)) problem = problem[(path.Length + 2)..];
            yield return new(path, problem, "drop its uidMappings/gidMappings (and idmap option), or bind a source on a filesystem that supports idmapped mounts (ext4, xfs, btrfs, tmpfs)",
                FindingSeverity.Error);
        }
    }

    internal static string KernelRelease() => ReadText("/proc/sys/kernel/osrelease") ?? "unknown";

    internal static string? ReadText(string path)
    {
        try { return RuntimeSys.TryReadText(path)?.Trim(); }
        catch (SyscallException) { return null; }
    }

    // null: missing or not a number ("max" included).
    internal static long? ReadNumber(string path) =>
        long.TryParse(ReadText(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : null;
}
