using System.Runtime.InteropServices;
using LibContainer.Interop;

namespace LibContainer.Security.Seccomp;

/// <summary>A compiled filter: the classic-BPF program in unmanaged memory (made by the parent, seen by init through
/// the fork-style clone) and the seccomp(2) flags. Loading it needs only the seccomp syscall, no library.</summary>
internal sealed unsafe class SeccompProgram
{
    private const long SYS_seccomp = 317;
    private const int SECCOMP_SET_MODE_FILTER = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct SockFprog { public ushort Len; public void* Filter; }

    private readonly SockFprog* _prog;

    public SeccompProgram(ReadOnlySpan<ulong> instructions, uint flags, bool loadBeforeCredentials)
    {
        if (instructions.Length is 0 or > 4096)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"linux.seccomp: the filter has {instructions.Length} BPF instructions (the kernel takes 1..4096)");
        var code = (ulong*)NativeMemory.Alloc((nuint)instructions.Length, sizeof(ulong));
        instructions.CopyTo(new Span<ulong>(code, instructions.Length));
        _prog = (SockFprog*)NativeMemory.Alloc((nuint)sizeof(SockFprog));
        _prog->Len = (ushort)instructions.Length;
        _prog->Filter = code;
        Flags = flags;
        LoadBeforeCredentials = loadBeforeCredentials;
    }

    /// <summary>SECCOMP_FILTER_FLAG_* bits, NEW_LISTENER included when an action is NOTIFY.</summary>
    public uint Flags { get; }

    public int Length => _prog->Len;

    /// <summary>Without no_new_privs the kernel wants CAP_SYS_ADMIN to load a filter: when the process will not keep it,
    /// the filter is loaded before the credentials change (like runc and crun); otherwise last, right before execve.</summary>
    public bool LoadBeforeCredentials { get; }

    /// <summary>Where NOTIFY's listener fd goes (null without NOTIFY).</summary>
    public SeccompListener? Listener { get; init; }

    /// <summary>Syscall names of the profile libseccomp does not know, left out (runc logs them at debug level).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>The debug line about <see cref="Skipped"/>, or null.</summary>
    public string? SkippedMessage => Skipped.Count == 0 ? null : "seccomp: unknown syscall names skipped: " + string.Join(", ", Skipped);

    public ReadOnlySpan<ulong> Instructions => new(_prog->Filter, _prog->Len);

    /// <summary>In init or the exec'd process: installs the filter. Returns the listener fd with NEW_LISTENER, else -1.</summary>
    public int Load()
    {
        long rc = Libc.syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, (nint)Flags, (nint)_prog, 0, 0);
        if (rc < 0)
        {
            int errno = RuntimeSys.Errno;
            string? why = errno == Errno.EACCES ? "needs process.noNewPrivileges or CAP_SYS_ADMIN" : null;
            throw new SyscallException("seccomp", errno, null, why ?? "SECCOMP_SET_MODE_FILTER");
        }
        return (Flags & SeccompTables.FlagNewListener) != 0 ? (int)rc : -1;
    }

    /// <summary>The init step: loads the filter and hands NOTIFY's listener fd on. <paramref name="pid"/> is this
    /// process as the runtime sees it.</summary>
    public void Apply(int pid)
    {
        int listenerFd = Load();
        if (listenerFd >= 0) Listener!.Send(listenerFd, pid);
    }

    public static bool KernelKnowsFlag(uint flag)
        => Libc.syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, (nint)flag, 0, 0, 0) < 0 && RuntimeSys.Errno == Errno.EFAULT;
}
