using LibContainer.Interop;

namespace LibContainer.Security;

/// <summary>Gives the container a session keyring of its own ("_ses.&lt;id&gt;", as runc names it) instead of the
/// caller's, so processes in the container cannot read or use keys of the session that started it. Skipped with
/// --no-new-keyring; a kernel without keyrings (ENOSYS) is not an error, like runc.</summary>
internal static unsafe class SessionKeyring
{
    private const long SYS_keyctl = 250;
    private const int KEYCTL_SETPERM = 5, KEYCTL_DESCRIBE = 6, KEYCTL_JOIN_SESSION_KEYRING = 1;
    // Search permission for the keyring's owner; in a user namespace the owner differs, so "other" gets it.
    private const uint UserSearch = 0x080000, OtherSearch = 0x8;

    public static string NameFor(string containerId) => "_ses." + containerId;

    /// <param name="setPermissions">Init opens the keyring up for searching; exec joins the one init made, like runc.</param>
    public static void Join(string containerId, bool userNamespace, bool setPermissions)
    {
        string name = NameFor(containerId);
        long serial;
        fixed (byte* n = RuntimeSys.Z(name))
            serial = Libc.syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, (nint)n, 0, 0, 0);
        if (serial < 0)
        {
            if (RuntimeSys.Errno == Errno.ENOSYS) return;
            throw SyscallException.FromLastError("keyctl", name, "join session keyring");
        }
        if (!setPermissions) return;
        uint perm = ReadPerm(serial, name) | (userNamespace ? OtherSearch : UserSearch);
        if (Libc.syscall(SYS_keyctl, KEYCTL_SETPERM, (nint)serial, (nint)perm, 0, 0) < 0)
            throw SyscallException.FromLastError("keyctl", name, "set keyring permissions");
    }

    /// <summary>KEYCTL_DESCRIBE gives "type;uid;gid;perm;description" with perm in hex.</summary>
    private static uint ReadPerm(long serial, string name)
    {
        byte* buf = stackalloc byte[512];
        long len = Libc.syscall(SYS_keyctl, KEYCTL_DESCRIBE, (nint)serial, (nint)buf, 512, 0);
        if (len < 0) throw SyscallException.FromLastError("keyctl", name, "describe keyring");
        var text = System.Text.Encoding.UTF8.GetString(buf, (int)Math.Min(len, 512));
        var fields = text.TrimEnd('\0').Split(';');
        if (fields.Length < 4 || !uint.TryParse(fields[3], System.Globalization.NumberStyles.HexNumber, null, out uint perm))
            throw new SyscallException("keyctl", Errno.EINVAL, name, $"unexpected keyring description \"{text}\"");
        return perm;
    }
}
