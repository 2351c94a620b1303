using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Runtime;

/// <summary>The one place that decides where containers' state lives when no --root is given: /run/nsinit for root;
/// for any other user a directory of their own (nsinit and the module both ask here).</summary>
public static class StateRoots
{
    public const string SystemRoot = "/run/nsinit";

    /// <summary>The default state root of the calling user.</summary>
    public static string Default => LibC.geteuid() == 0 ? SystemRoot : Path.Combine(UserRuntimeDir(), "nsinit");

    /// <summary>A non-root user's runtime directory: $XDG_RUNTIME_DIR when it is a directory this user may write, else
    /// /run/user/&lt;uid&gt; under the same condition, else /tmp/libcontainer-&lt;uid&gt; (made mode 0700; refused when it
    /// exists and is not this user's private directory: someone else could read or plant state there).</summary>
    public static string UserRuntimeDir() => UserRuntimeDir(LibC.geteuid(),
        Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR"), "/run/user", Path.Combine("/", "tmp"));

    internal static string UserRuntimeDir(uint uid, string? xdg, string runUser, string tmp)
    {
        if (xdg is { Length: > 0 } && Path.IsPathRooted(xdg) && Writable(xdg)) return xdg;
        string perUser = Path.Combine(runUser, uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Writable(perUser)) return perUser;
        return PrivateDir(Path.Combine(tmp, "libcontainer-" + uid.ToString(System.Globalization.CultureInfo.InvariantCulture)), uid);
    }

    private static bool Writable(string dir) =>
        RuntimeSys.StatMode(LibC.AT_FDCWD, dir) is { } mode && (mode & 0xF000) == 0x4000 && RuntimeSys.MayWrite(dir);

    private static unsafe string PrivateDir(string dir, uint uid)
    {
        fixed (byte* p = RuntimeSys.Z(dir))
            if (LibC.mkdirat(LibC.AT_FDCWD, p, 0x1c0 /*0700*/) < 0 && RuntimeSys.Errno != LibContainer.Errno.EEXIST)
                throw SyscallException.FromLastError("mkdir", dir);
        var st = RuntimeSys.TryStat(LibC.AT_FDCWD, dir, nofollow: true) ?? throw SyscallException.FromLastError("stat", dir);
        if ((st.Mode & 0xF000) != 0x4000 || st.Uid != uid || (st.Mode & 0x3F /*077*/) != 0)
            throw new ContainerException(ContainerErrorKind.SystemError,
                $"the per-user state directory {dir} is not a private directory of uid {uid} (owner {st.Uid}, mode {Convert.ToString(st.Mode & 0xFFF, 8)}): "
                + "remove it, set XDG_RUNTIME_DIR, or give --root");
        return dir;
    }
}
