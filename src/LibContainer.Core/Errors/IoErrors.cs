using System.Text.RegularExpressions;

namespace LibContainer;

/// <summary>Turns .NET's file-system exceptions into <see cref="SyscallException"/> (`op 'path': reason (ERRNO)`):
/// their own text is not the project's wording and, in the NativeAOT nsinit (resources stripped), is only a
/// resource key such as "IO_PathNotFound_Path, /x".</summary>
public static partial class IoErrors
{
    /// <summary>The errno behind a .NET I/O exception (.NET on Linux keeps the raw errno as HResult of a plain
    /// IOException; the typed ones map by type).</summary>
    public static int ErrnoOf(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => Errno.ENOENT,
        PathTooLongException => Errno.ENAMETOOLONG,
        UnauthorizedAccessException => Errno.EACCES,
        IOException when e.HResult is > 0 and < 4096 => e.HResult,
        _ => Errno.EIO,
    };

    /// <param name="op">The operation that failed (open, mkdir, write…).</param>
    /// <param name="path">The path it acted on; default: the one named in the exception.</param>
    public static SyscallException ToSyscall(Exception e, string op, string? path = null)
        => new(op, ErrnoOf(e), path ?? PathIn(e));

    /// <summary>The operation an I/O error most likely came from, for an exception caught without context.</summary>
    public static string LikelyOp(int errno) => errno switch
    {
        Errno.EEXIST => "create",
        Errno.ENOSPC or Errno.EFBIG or Errno.EIO or Errno.EROFS => "write",
        _ => "open",
    };

    /// <summary>The path named in the exception: FileName, or the message's argument in either form
    /// ("Could not find a part of the path '/x'." or "IO_PathNotFound_Path, /x").</summary>
    public static string? PathIn(Exception e)
    {
        if (e is FileNotFoundException { FileName: { Length: > 0 } f }) return f;
        var m = Quoted().Match(e.Message);
        if (m.Success) return m.Groups[1].Value;
        m = KeyArgument().Match(e.Message);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"'(/[^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^[A-Za-z0-9_]+, (.+)$", RegexOptions.Singleline)]
    private static partial Regex KeyArgument();
}
