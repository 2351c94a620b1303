using LibContainer.Interop;
using static LibContainer.Interop.SecurityNative;

namespace LibContainer.Security.Landlock;

/// <summary>
/// Enforces a <see cref="LandlockPolicy"/> on the calling process (init or an exec'd process), in the container, right
/// before seccomp: a ruleset, one rule per path (opened here, inside the container's root, O_PATH without magic links:
/// what the image's symlinks name stays inside it) and per port, then landlock_restrict_self. The kernel wants
/// no_new_privs or CAP_SYS_ADMIN for that, which create checks (ConfigSupport) so this step does not fail late.
/// </summary>
internal static unsafe class LandlockRestrict
{
    // The rights a rule on a file (not a directory) may carry; the others are refused by the kernel (EINVAL).
    private const ulong FileRights = 1UL << 0 | 1UL << 1 | 1UL << 2 | 1UL << 14 | 1UL << 15;
    private const int ENOTDIR = 20;

    public static void Apply(LandlockPolicy policy)
    {
        var attr = new LandlockRulesetAttr { HandledAccessFs = policy.HandledFs, HandledAccessNet = policy.HandledNet };
        int ruleset = (int)Libc.syscall(SYS_landlock_create_ruleset, (nint)(&attr), sizeof(LandlockRulesetAttr), 0, 0, 0);
        if (ruleset < 0) throw SyscallException.FromLastError("landlock_create_ruleset", "process.landlock");
        try
        {
            foreach (var (path, access) in policy.PathRules) AddPath(ruleset, path, access);
            foreach (var (port, access) in policy.PortRules)
            {
                var rule = new LandlockNetPortAttr { AllowedAccess = access, Port = port };
                if (Libc.syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_NET_PORT, (nint)(&rule), 0, 0) < 0)
                    throw SyscallException.FromLastError("landlock_add_rule", $"port {port}");
            }
            if (Libc.syscall(SYS_landlock_restrict_self, ruleset, 0, 0, 0, 0) < 0)
                throw SyscallException.FromLastError("landlock_restrict_self", "process.landlock");
        }
        finally { RuntimeSys.Close(ruleset); }
    }

    private static void AddPath(int ruleset, string path, ulong access)
    {
        int fd;
        bool directory = true;
        fixed (byte* p = RuntimeSys.Z(path))
        {
            fd = RuntimeNative.OpenAt2(LibC.AT_FDCWD, p, (ulong)(LibC.O_PATH | LibC.O_CLOEXEC | LibC.O_DIRECTORY), Libc.RESOLVE_NO_MAGICLINKS);
            if (fd < 0 && RuntimeSys.Errno == ENOTDIR)
            {
                directory = false;
                fd = RuntimeNative.OpenAt2(LibC.AT_FDCWD, p, (ulong)(LibC.O_PATH | LibC.O_CLOEXEC), Libc.RESOLVE_NO_MAGICLINKS);
            }
        }
        if (fd < 0) throw SyscallException.FromLastError("open", path);
        try
        {
            var rule = new LandlockPathBeneathAttr { AllowedAccess = directory ? access : access & FileRights, ParentFd = fd };
            if (rule.AllowedAccess == 0) return;
            if (Libc.syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, (nint)(&rule), 0, 0) < 0)
                throw SyscallException.FromLastError("landlock_add_rule", path);
        }
        finally { RuntimeSys.Close(fd); }
    }
}
