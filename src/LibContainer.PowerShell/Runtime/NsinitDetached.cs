using System.Diagnostics;

namespace LibContainer.PowerShell.Runtime;

/// <summary>
/// Runs an nsinit command that leaves a process behind (create, exec --detach). That process inherits nsinit's
/// stdio, so it must not be a pipe the module reads (the read would never end): /bin/sh points stdio at a log file,
/// then execs nsinit. Errors are read back from the log.
/// </summary>
internal static class NsinitDetached
{
    private const string Redirect = "f=$1; shift; exec \"$@\" </dev/null >>\"$f\" 2>&1";

    public static void Run(string root, IReadOnlyList<string> args, string logFile, string? containerId,
        CancellationToken cancel, ContainerErrorKind failureKind)
    {
        if (!Nsinit.Exists)
            throw new ContainerException(ContainerErrorKind.SystemError,
                $"nsinit not found at '{Nsinit.Path}': stage the module with tools/Stage-Module.ps1 or set LIBCONTAINER_NSINIT");
        var start = File.Exists(logFile) ? new FileInfo(logFile).Length : 0;
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var a in (string[])["-c", Redirect, "sh", logFile, Nsinit.Path, "--root", root]) psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new ContainerException(ContainerErrorKind.SystemError, "cannot start /bin/sh");
        Nsinit.WaitForExit(p, cancel);
        if (p.ExitCode == 0) return;
        throw Nsinit.Failure(args, p.ExitCode, ReadFrom(logFile, start), containerId, failureKind);
    }

    private static string ReadFrom(string file, long offset)
    {
        try
        {
            using var s = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            s.Seek(offset, SeekOrigin.Begin);
            return new StreamReader(s).ReadToEnd();
        }
        catch (IOException) { return ""; }
    }
}
