using System.Diagnostics;

namespace LibContainer.PowerShell.Runtime;

/// <summary>
/// Runs an nsinit command that leaves a process behind (create, exec --detach). That process inherits nsinit's
/// stdio, so it must not be a pipe the module reads (the read would never end): /bin/sh points stdio at a log file,
/// then execs nsinit. nsinit's errors are read back from its --log file.
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
        var errors = Path.Combine(Path.GetTempPath(), $"libcontainer-nsinit-{Guid.NewGuid():N}.log");
        var start = File.Exists(logFile) ? new FileInfo(logFile).Length : 0;
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var a in (string[])["-c", Redirect, "sh", logFile, Nsinit.Path, "--root", root, "--log", errors, "--log-format", "json"])
            psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi) ?? throw new ContainerException(ContainerErrorKind.SystemError, "cannot start /bin/sh");
            Nsinit.WaitForExit(p, cancel);
            if (p.ExitCode == 0) return;
            // nsinit's own error is in its --log file; the container's output (console log) only when that is empty.
            var message = ReadFrom(errors, 0);
            throw Nsinit.Failure(args, p.ExitCode, message.Length > 0 ? message : ReadFrom(logFile, start), containerId, failureKind);
        }
        finally
        {
            File.Delete(errors);
        }
    }

    /// <summary>`nsinit create` under a supervisor that records the exit status, started directly (no /bin/sh, no
    /// caller nsinit in between): create's and the container's output go to <paramref name="logFile"/>.</summary>
    public static void CreateSupervised(string root, string bundle, string id, string logFile, CancellationToken cancel)
    {
        if (!Nsinit.Exists)
            throw new ContainerException(ContainerErrorKind.SystemError,
                $"nsinit not found at '{Nsinit.Path}': stage the module with tools/Stage-Module.ps1 or set LIBCONTAINER_NSINIT");
        var errors = Path.Combine(Path.GetTempPath(), $"libcontainer-nsinit-{Guid.NewGuid():N}.log");
        var start = File.Exists(logFile) ? new FileInfo(logFile).Length : 0;
        string[] args = ["--root", root, "--log", errors, "--log-format", "json", "create", "--bundle", bundle, id];
        try
        {
            int status = LibContainer.Runtime.Supervision.SupervisedCreate.Run(Nsinit.Path, args, root, id, logFile, cancel);
            if (status == 0) return;
            var message = ReadFrom(errors, 0);
            throw Nsinit.Failure(args[6..], status, message.Length > 0 ? message : ReadFrom(logFile, start), id, ContainerErrorKind.InitFailed);
        }
        finally
        {
            File.Delete(errors);
        }
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
