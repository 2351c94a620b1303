using LibContainer.Runtime;

namespace LibContainer.PowerShell.Runtime;

/// <summary>
/// The nsinit commands that leave a process behind (create, exec --detach), through Core's nsinit client: that
/// process inherits nsinit's stdio, so it points at a log file, never a pipe the module reads. nsinit's errors are
/// read back, typed, from its JSON log.
/// </summary>
internal static class NsinitDetached
{
    public static NsinitProcess Client => new(Executable(ModulePaths.Nsinit));

    /// <summary>A module installed from a .nupkg (Install-PSResource) has lost nsinit's execute bit (zip keeps no
    /// modes): give it back once, when the file is there and ours to change.</summary>
    private static string Executable(string path)
    {
        try
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode exec = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0) File.SetUnixFileMode(path, mode | exec);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // then starting it says why
        return path;
    }

    public static void Run(string root, IReadOnlyList<string> args, string logFile, string? containerId, CancellationToken cancel) =>
        Client.Run(["--root", root, .. args], id: containerId, startsContainer: true, outputFile: logFile, cancel: cancel);

    /// <summary>`nsinit create` under a supervisor that records the exit status, started directly (no /bin/sh, no
    /// caller nsinit in between): create's and the container's output go to <paramref name="logFile"/>.</summary>
    public static void CreateSupervised(string root, string bundle, string id, string logFile, CancellationToken cancel)
    {
        var nsinit = Client.Path; // made executable
        if (!File.Exists(nsinit))
            throw new ContainerException(ContainerErrorKind.SystemError,
                $"nsinit not found at '{nsinit}': stage the module with tools/Stage-Module.ps1 or set LIBCONTAINER_NSINIT");
        var errors = Path.Combine(Path.GetTempPath(), $"libcontainer-nsinit-{Guid.NewGuid():N}.log");
        var start = File.Exists(logFile) ? new FileInfo(logFile).Length : 0;
        string[] args = ["--root", root, "--log", errors, "--log-format", "json", "create", "--bundle", bundle, id];
        try
        {
            int status = LibContainer.Runtime.Supervision.SupervisedCreate.Run(nsinit, args, root, id, logFile, cancel);
            if (status == 0) return;
            // nsinit's own error is in its --log file; the container's output (console log) only when that is empty.
            throw NsinitError.FromLog(errors, id) is { Message.Length: > 0 } logged ? logged
                : new ContainerException(ContainerErrorKind.InitFailed, LastLine(logFile, start) ?? $"nsinit create exited with status {status}", id);
        }
        finally
        {
            File.Delete(errors);
        }
    }

    private static string? LastLine(string file, long offset)
    {
        try
        {
            using var s = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            s.Seek(offset, SeekOrigin.Begin);
            return new StreamReader(s).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .LastOrDefault();
        }
        catch (IOException) { return null; }
    }
}
