namespace LibContainer;

/// <summary>The one exception type for a failed system call: the syscall, errno and the path it acted on.</summary>
public sealed class SyscallException : Exception
{
    public SyscallException(string syscall, int errno, string? path = null, string? detail = null)
        : base(Format(syscall, errno, path, detail))
    {
        Syscall = syscall;
        Errno = errno;
        Path = path;
    }

    public string Syscall { get; }
    public int Errno { get; }
    public string? Path { get; }
    public string ErrnoName => LibContainer.Errno.Name(Errno);

    /// <summary>Throws for the calling thread's last errno.</summary>
    public static SyscallException FromLastError(string syscall, string? path = null, string? detail = null)
        => new(syscall, System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), path, detail);

    // crun/runc wording: `open '/x': no such file or directory (ENOENT)`; engines match on the lower-case text.
    public static string Format(string syscall, int errno, string? path, string? detail)
    {
        var what = path is null ? syscall : $"{syscall} '{path}'";
        if (detail is not null) what += $" ({detail})";
        return $"{what}: {LibContainer.Errno.Describe(errno)} ({LibContainer.Errno.Name(errno)})";
    }
}
