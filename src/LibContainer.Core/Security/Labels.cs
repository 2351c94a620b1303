using LibContainer.Interop;
using static LibContainer.Interop.SecurityNative;

namespace LibContainer.Security;

/// <summary>Where the LSM files live (a test seam: point it at a temp tree).</summary>
/// <param name="Sys">The sysfs root, normally "/sys".</param>
/// <param name="ProcSelf">The calling thread's /proc directory, normally "/proc/thread-self".</param>
public sealed record LsmPaths(string Sys, string ProcSelf)
{
    public static LsmPaths Default { get; } = new("/sys", "/proc/thread-self");
}

/// <summary>AppArmor profile and SELinux label for the next execve, and the SELinux mount option. On a kernel without
/// the LSM the request is reported as a warning, not an error, so configs that ask for a profile still run.</summary>
public static unsafe class Labels
{
    /// <summary>Applies (or, on a kernel without the LSM, reports why it cannot) the AppArmor profile / SELinux label
    /// for the next execve. Returns a warning text when it degraded, else null.</summary>
    public static string? PrepareExecLabel(string? apparmorProfile, string? selinuxLabel)
        => PrepareExecLabel(apparmorProfile, selinuxLabel, LsmPaths.Default);

    public static string? PrepareExecLabel(string? apparmorProfile, string? selinuxLabel, LsmPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!string.IsNullOrEmpty(apparmorProfile) && AppArmorEnabled(paths))
            WriteAttr(AppArmorExecPath(paths), "exec " + apparmorProfile);
        if (!string.IsNullOrEmpty(selinuxLabel) && SelinuxEnabled(paths))
            WriteAttr(Path.Combine(paths.ProcSelf, "attr/exec"), selinuxLabel);
        return DegradeWarning(apparmorProfile, selinuxLabel, paths);
    }

    /// <summary>Why the requested labels cannot be applied on this kernel (null when they can, or none is asked
    /// for). The runtime reports it at create, before init runs.</summary>
    public static string? DegradeWarning(string? apparmorProfile, string? selinuxLabel)
        => DegradeWarning(apparmorProfile, selinuxLabel, LsmPaths.Default);

    public static string? DegradeWarning(string? apparmorProfile, string? selinuxLabel, LsmPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string? warning = null;
        if (!string.IsNullOrEmpty(apparmorProfile) && apparmorProfile != "unconfined" && !AppArmorEnabled(paths))
            warning = $"apparmor profile \"{apparmorProfile}\" not applied: AppArmor is not enabled in this kernel";
        if (!string.IsNullOrEmpty(selinuxLabel) && !SelinuxEnabled(paths))
            warning = Join(warning, $"selinux label \"{selinuxLabel}\" not applied: SELinux is not enabled in this kernel");
        return warning;
    }

    /// <summary>The `context="…"` mount option for <paramref name="mountLabel"/>, only when SELinux is enabled.</summary>
    public static string? MountLabelOption(string? mountLabel) => MountLabelOption(mountLabel, LsmPaths.Default);

    public static string? MountLabelOption(string? mountLabel, LsmPaths paths) =>
        string.IsNullOrEmpty(mountLabel) || !SelinuxEnabled(paths) ? null : $"context=\"{mountLabel}\"";

    /// <summary>AppArmor is enabled when securityfs shows it and the module says so (runc's test).</summary>
    public static bool AppArmorEnabled() => AppArmorEnabled(LsmPaths.Default);

    public static bool AppArmorEnabled(LsmPaths paths)
    {
        if (!Directory.Exists(Path.Combine(paths.Sys, "kernel/security/apparmor"))) return false;
        try
        {
            var text = File.ReadAllText(Path.Combine(paths.Sys, "module/apparmor/parameters/enabled"));
            return text.StartsWith('Y');
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>SELinux is enabled when selinuxfs is mounted at /sys/fs/selinux.</summary>
    public static bool SelinuxEnabled() => SelinuxEnabled(LsmPaths.Default);

    public static bool SelinuxEnabled(LsmPaths paths) => File.Exists(Path.Combine(paths.Sys, "fs/selinux/enforce"));

    // Linux 5.8+ has per-LSM attr directories; older kernels only the shared attr/exec.
    private static string AppArmorExecPath(LsmPaths paths)
    {
        var perLsm = Path.Combine(paths.ProcSelf, "attr/apparmor/exec");
        return File.Exists(perLsm) ? perLsm : Path.Combine(paths.ProcSelf, "attr/exec");
    }

    private static string Join(string? a, string b) => a is null ? b : a + "; " + b;

    private static void WriteAttr(string path, string value)
    {
        int fd = RuntimeSys.Open(path, LibC.O_WRONLY | LibC.O_NOCTTY);
        try
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(value);
            long n;
            fixed (byte* b = bytes)
            {
                do n = LibC.write(fd, b, bytes.Length);
                while (n < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Errno.EINTR);
            }
            if (n < 0) throw SyscallException.FromLastError("write", path, value);
            if (n != bytes.Length) throw new SyscallException("write", Errno.EIO, path, $"short write of {value}");
        }
        finally
        {
            LibC.close(fd);
        }
    }
}
