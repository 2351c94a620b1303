namespace LibContainer.Runtime;

/// <summary>A file in the shared temp directory that only its owner can read: a fresh name, created exclusively
/// (never through a planted symlink), mode 0600. For process specs whose env may hold secrets.</summary>
public static class PrivateTempFile
{
    /// <summary>Writes <paramref name="text"/> to a new temp file named prefix-GUID.json; returns its path.</summary>
    public static string Write(string prefix, string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.json");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsLinux()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var f = new FileStream(path, options);
        f.Write(System.Text.Encoding.UTF8.GetBytes(text));
        return path;
    }
}
