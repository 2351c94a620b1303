using LibContainer.Config;

namespace LibContainer.Security;

// Contract between the runtime (init steps) and the security helpers. The `security` branch replaces these
// NotImplemented stubs (moving each class to its own file); signatures may grow but not break. Everything that runs in init must be single-threaded,
// allocation-light, never touch Console, and throw SyscallException on failure.

public static class Labels
{
    /// <summary>Applies (or, on a kernel without the LSM, reports why it cannot) the AppArmor profile / SELinux label
    /// for the next execve. Returns a warning text when it degraded, else null.</summary>
    public static string? PrepareExecLabel(string? apparmorProfile, string? selinuxLabel) => throw new NotImplementedException();
}
