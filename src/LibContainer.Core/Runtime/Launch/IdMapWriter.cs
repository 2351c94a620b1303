using System.Globalization;
using LibContainer.Config;
using LibContainer.Interop;
using LibContainer.Security;

namespace LibContainer.Runtime.Launch;

/// <summary>Writes a new user namespace's uid_map and gid_map from the parent, while init waits for Go: directly when the
/// kernel lets this caller (root; or a user mapping only their own id, gid_map after "deny" in setgroups), otherwise
/// through the setuid helpers newuidmap/newgidmap, which allow the ranges /etc/subuid and /etc/subgid delegate.</summary>
internal static class IdMapWriter
{
    private const int HelperTimeoutSeconds = 10;

    public static void Write(int pid, Spec spec, RootlessCaller caller)
    {
        var uid = spec.Linux?.UidMappings;
        var gid = spec.Linux?.GidMappings;
        if (uid is not { Count: > 0 } || gid is not { Count: > 0 })
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, "a user namespace needs linux.uidMappings and linux.gidMappings");
        if (caller.WritesDirectly(uid, caller.Uid)) RuntimeSys.WriteFile($"/proc/{pid}/uid_map", Rootfs.IdmappedMounts.MapLines(uid));
        else RunHelper(caller.NewUidMap, "newuidmap", pid, uid);
        if (caller.DeniesSetgroups(spec)) RuntimeSys.WriteFile($"/proc/{pid}/setgroups", "deny");
        if (caller.WritesDirectly(gid, caller.Gid)) RuntimeSys.WriteFile($"/proc/{pid}/gid_map", Rootfs.IdmappedMounts.MapLines(gid));
        else RunHelper(caller.NewGidMap, "newgidmap", pid, gid);
    }

    private static void RunHelper(string? path, string name, int pid, List<IdMapping> maps)
    {
        if (path is null) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"{name} is not installed (Debian package uidmap)");
        var args = new List<string> { path, pid.ToString(CultureInfo.InvariantCulture) };
        foreach (var m in maps)
            args.AddRange(new[] { m.ContainerId, m.HostId, m.Size }.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        var r = HookRunner.RunOne(new Hook { Path = path, Args = args, Timeout = HelperTimeoutSeconds }, ReadOnlySpan<byte>.Empty, name);
        if (r.Status == 0 && !r.TimedOut) return;
        string how = r.TimedOut ? $"timed out after {HelperTimeoutSeconds} s" : PidFd.DescribeStatus(r.Status);
        string said = r.Stderr.Trim() is { Length: > 0 } e ? ": " + e : "";
        throw new ContainerException(ContainerErrorKind.SystemError, $"{name} {string.Join(' ', args.Skip(1))} {how}{said}");
    }
}
