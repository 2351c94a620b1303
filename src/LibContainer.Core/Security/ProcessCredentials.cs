using System.Runtime.InteropServices;
using LibContainer.Config;
using static LibContainer.Interop.SecurityNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Security;

/// <summary>The steps of <see cref="ProcessCredentials.Apply"/>, in the order they run.</summary>
public enum CredentialStep
{
    /// <summary>prctl(PR_SET_KEEPCAPS, 1): keep the permitted set across the uid change.</summary>
    KeepCaps,
    /// <summary>prctl(PR_CAPBSET_DROP) for every cap not in the bounding set; needs CAP_SETPCAP in the effective
    /// set, which a non-root uid no longer has — so it runs while still root.</summary>
    DropBounding,
    /// <summary>setgroups(additionalGids); EPERM is tolerated when the list is empty (user ns with setgroups=deny).</summary>
    SetGroups,
    SetGid,
    SetUid,
    /// <summary>prctl(PR_SET_KEEPCAPS, 0): the user's later exec/setuid calls behave normally.</summary>
    ClearKeepCaps,
    /// <summary>capset v3: effective, permitted, inheritable (effective was cleared by a change to a non-root uid).</summary>
    Capset,
    /// <summary>PR_CAP_AMBIENT_CLEAR_ALL then PR_CAP_AMBIENT_RAISE per cap: ambient caps must already be permitted
    /// and inheritable, so this follows capset.</summary>
    Ambient,
    Umask,
    NoNewPrivileges,
}

/// <summary>Resolves process.user against the image and applies user, groups and capabilities in init.</summary>
public static unsafe class ProcessCredentials
{
    /// <summary>The default umask when process.user.umask is absent (runc's).</summary>
    public const uint DefaultUmask = 0x12; // 0022 octal

    /// <summary>The order <see cref="Apply"/> runs its steps in (runc's finalizeNamespace order).</summary>
    public static IReadOnlyList<CredentialStep> Order { get; } =
    [
        CredentialStep.KeepCaps, CredentialStep.DropBounding, CredentialStep.SetGroups, CredentialStep.SetGid,
        CredentialStep.SetUid, CredentialStep.ClearKeepCaps, CredentialStep.Capset, CredentialStep.Ambient,
        CredentialStep.Umask, CredentialStep.NoNewPrivileges,
    ];

    /// <summary>Reads rootfs/etc/passwd (before pivot_root, resolved inside the rootfs) for HOME. The groups are
    /// additionalGids as given, like runc: an engine that wants the image's /etc/group memberships puts them there.</summary>
    public static ResolvedUser Resolve(User user, string rootfsPath)
    {
        ArgumentNullException.ThrowIfNull(user);
        var passwd = RootfsFile.ReadText(rootfsPath, "/etc/passwd");
        uint uid = user.Uid, gid = user.Gid;
        PasswdEntry? entry;
        // A name is only left in username when nothing resolved it earlier (the seed's `user: "daemon"`).
        if (!string.IsNullOrEmpty(user.Username) && uid == 0)
        {
            entry = PasswdFile.FindByName(passwd, user.Username)
                ?? throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                    $"process.user.username: no user \"{user.Username}\" in the container's /etc/passwd");
            (uid, gid) = (entry.Uid, gid == 0 ? entry.Gid : gid);
        }
        else entry = PasswdFile.FindByUid(passwd, uid);
        var home = string.IsNullOrEmpty(entry?.Home) ? "/" : entry!.Home;
        return new ResolvedUser(uid, gid, Dedupe(user.AdditionalGids), home, user.Umask);
    }

    private static uint[] Dedupe(List<uint>? gids)
    {
        if (gids is null || gids.Count == 0) return [];
        var seen = new List<uint>(gids.Count);
        foreach (var g in gids)
            if (!seen.Contains(g)) seen.Add(g);
        return seen.ToArray();
    }

    /// <summary>In init, last before seccomp and execve: see <see cref="Order"/>. Throws SyscallException.</summary>
    public static void Apply(ResolvedUser user, CapabilitySets caps, bool noNewPrivileges)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lastCap = Capabilities.LastCap();
        foreach (var step in Order)
        {
            switch (step)
            {
                case CredentialStep.KeepCaps: Prctl(PR_SET_KEEPCAPS, 1, "PR_SET_KEEPCAPS"); break;
                case CredentialStep.DropBounding: DropBounding(caps.Bounding, lastCap); break;
                case CredentialStep.SetGroups: SetGroups(user.AdditionalGids); break;
                case CredentialStep.SetGid:
                    if (setresgid(user.Gid, user.Gid, user.Gid) != 0)
                        throw SyscallException.FromLastError("setresgid", null, $"gid {user.Gid}");
                    break;
                case CredentialStep.SetUid:
                    if (setresuid(user.Uid, user.Uid, user.Uid) != 0)
                        throw SyscallException.FromLastError("setresuid", null, $"uid {user.Uid}");
                    break;
                case CredentialStep.ClearKeepCaps: Prctl(PR_SET_KEEPCAPS, 0, "PR_SET_KEEPCAPS"); break;
                case CredentialStep.Capset: Capset(caps); break;
                case CredentialStep.Ambient: SetAmbient(caps.Ambient, lastCap); break;
                case CredentialStep.Umask: LibC.umask((ushort)(user.Umask ?? DefaultUmask)); break;
                case CredentialStep.NoNewPrivileges:
                    if (noNewPrivileges) Prctl(PR_SET_NO_NEW_PRIVS, 1, "PR_SET_NO_NEW_PRIVS");
                    break;
            }
        }
    }

    /// <summary>Whether a setgroups failure may be ignored: only EPERM (setgroups denied in a user namespace)
    /// and only when no supplementary groups were asked for.</summary>
    public static bool CanIgnoreSetGroupsError(int errno, int requestedCount) => errno == Errno.EPERM && requestedCount == 0;

    private static void SetGroups(uint[] gids)
    {
        int rc;
        fixed (uint* p = gids)
            rc = setgroups(gids.Length, p);
        if (rc == 0) return;
        var errno = Marshal.GetLastPInvokeError();
        if (CanIgnoreSetGroupsError(errno, gids.Length)) return;
        throw new SyscallException("setgroups", errno, null, gids.Length == 0 ? "[]" : "[" + string.Join(",", gids) + "]");
    }

    private static void DropBounding(ulong bounding, int lastCap)
    {
        foreach (var c in Capabilities.ToDrop(bounding, lastCap))
        {
            if (prctl(PR_CAPBSET_DROP, (ulong)c, 0, 0, 0) != 0)
                throw SyscallException.FromLastError("prctl", "PR_CAPBSET_DROP " + Capabilities.Name(c));
        }
    }

    private static void Capset(CapabilitySets caps)
    {
        var header = new CapHeader { Version = LINUX_CAPABILITY_VERSION_3, Pid = 0 };
        var data = stackalloc CapData[2];
        data[0] = new CapData { Effective = (uint)caps.Effective, Permitted = (uint)caps.Permitted, Inheritable = (uint)caps.Inheritable };
        data[1] = new CapData
        {
            Effective = (uint)(caps.Effective >> 32), Permitted = (uint)(caps.Permitted >> 32), Inheritable = (uint)(caps.Inheritable >> 32),
        };
        if (capset(&header, data) == 0) return;
        var errno = Marshal.GetLastPInvokeError();
        // Name what cannot be granted: a capability outside the bounding set (the host's, or the config's own).
        var missing = OutsideBoundingSet(caps.Effective | caps.Permitted | caps.Inheritable);
        throw new SyscallException("capset", errno, missing.Length > 0 ? missing + " (not in the bounding set)" : null,
            $"effective={caps.Effective:x} permitted={caps.Permitted:x} inheritable={caps.Inheritable:x}");
    }

    /// <summary>The names of the capabilities in <paramref name="mask"/> this thread's bounding set lacks.</summary>
    public static string OutsideBoundingSet(ulong mask)
    {
        var names = new List<string>();
        for (var c = 0; c < 64; c++)
            if ((mask & (1UL << c)) != 0 && prctl(PR_CAPBSET_READ, (ulong)c, 0, 0, 0) != 1) names.Add(Capabilities.Name(c));
        return string.Join(",", names);
    }

    private static void SetAmbient(ulong ambient, int lastCap)
    {
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0)
        {
            // Kernels before 4.3 have no ambient set: nothing to clear, but asking for ambient caps is an error.
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINVAL || ambient != 0)
                throw new SyscallException("prctl", errno, null, "PR_CAP_AMBIENT_CLEAR_ALL");
            return;
        }
        for (var c = 0; c <= lastCap && c < 64; c++)
        {
            if ((ambient & (1UL << c)) == 0) continue;
            if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, (ulong)c, 0, 0) != 0)
                throw SyscallException.FromLastError("prctl", "PR_CAP_AMBIENT_RAISE " + Capabilities.Name(c));
        }
    }

    private static void Prctl(int option, ulong value, string what)
    {
        if (prctl(option, value, 0, 0, 0) != 0)
            throw SyscallException.FromLastError("prctl", null, what);
    }
}
