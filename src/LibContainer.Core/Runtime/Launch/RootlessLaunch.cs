using LibContainer.Cgroups;
using LibContainer.Config;

namespace LibContainer.Runtime.Launch;

/// <summary>What create does differently for a rootless container (an unprivileged caller, or --rootless true), decided
/// once before anything is made: the refusals (RootlessSupport), the cgroup (a delegated cgroup2 subtree, or none) and
/// who writes the id maps. <see cref="Unprivileged"/> is about the caller's real rights (euid), not the flag.</summary>
internal sealed record RootlessLaunch(bool Rootless, bool Unprivileged, RootlessCaller? Caller, (CgroupHost Host, string Path)? Delegated)
{
    /// <summary>Without --rootless: rootless exactly when the caller is not root (runc's "auto").</summary>
    public static bool Default => LibC.geteuid() != 0;

    public bool UsesCgroup => !Rootless || Delegated is not null;

    /// <summary>The state record's owner (`nsinit list`): the unprivileged caller's name; null = root.</summary>
    public string? Owner => Unprivileged ? Caller!.UserName ?? Caller.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    public static RootlessLaunch Prepare(Spec spec, CreateOptions o)
    {
        bool unprivileged = LibC.geteuid() != 0;
        bool newUserNs = spec.Linux?.Namespaces?.Any(n => n.Type == "user" && string.IsNullOrEmpty(n.Path)) == true;
        var caller = newUserNs || o.Rootless || unprivileged ? RootlessCaller.Current() : null;
        if (!o.Rootless) return new(false, unprivileged, caller, null);
        var delegated = o.Cgroups == CgroupDriver.Disabled ? null : DelegatedCgroup.Find(CgroupHost.Current);
        var errors = RootlessSupport.Refusals(spec, caller!, delegated is not null, o.Cgroups == CgroupDriver.Disabled);
        if (errors.Count > 0) throw new ConfigException(errors, "for a rootless container");
        return new(true, unprivileged, caller, delegated);
    }

    /// <summary>The container's cgroup in a delegated subtree: linux.cgroupsPath when absolute, else below the subtree.</summary>
    public static string CgroupPath(string delegated, Spec spec, string id) => spec.Linux?.CgroupsPath switch
    {
        { Length: > 0 } p when p.StartsWith('/') => p,
        { Length: > 0 } p => delegated.TrimEnd('/') + "/" + p,
        _ => delegated.TrimEnd('/') + "/nsinit-" + id,
    };
}
