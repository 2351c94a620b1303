using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace LibContainer.PowerShell.Runtime;

/// <summary>
/// Starts the staged nsinit as an ordinary child process (the module never forks itself: fork in a multi-threaded .NET process is unsafe).
/// Global flags come first: `nsinit --root ROOT COMMAND ...`.
/// </summary>
internal static class Nsinit
{
    public static string Path => ModulePaths.Nsinit;

    public static bool Exists => File.Exists(Path);

    public static Process Start(string root, IReadOnlyList<string> args, bool redirectOutput, bool redirectInput = false)
    {
        if (!Exists)
            throw new ContainerException(ContainerErrorKind.SystemError,
                $"nsinit not found at '{Path}': stage the module with tools/Stage-Module.ps1 or set LIBCONTAINER_NSINIT");
        var psi = new ProcessStartInfo(Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = redirectOutput,
            RedirectStandardError = redirectOutput,
            RedirectStandardInput = redirectInput,
        };
        if (redirectOutput)
        {
            psi.StandardOutputEncoding = Encoding.UTF8;
            psi.StandardErrorEncoding = Encoding.UTF8;
        }
        psi.ArgumentList.Add("--root");
        psi.ArgumentList.Add(root);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new ContainerException(ContainerErrorKind.SystemError, $"cannot start '{Path}'");
    }

    /// <summary>Waits for exit; on cancellation (Ctrl+C, StopProcessing) kills the child nsinit and rethrows.</summary>
    public static void WaitForExit(Process p, CancellationToken cancel)
    {
        try
        {
            p.WaitForExitAsync(cancel).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            try { p.Kill(); } catch (InvalidOperationException) { }
            throw;
        }
    }

    internal static NsinitException Failure(IReadOnlyList<string> args, int exitCode, string stderr, string? containerId,
        ContainerErrorKind fallback)
    {
        var msg = LastMessage(stderr);
        if (msg.Length == 0) msg = $"nsinit {string.Join(' ', args)} exited with code {exitCode}";
        return new NsinitException(KindFromMessage(msg, fallback), msg, string.Join(' ', args), exitCode, containerId);
    }

    /// <summary>The last error line nsinit wrote, plain or as a `{"level":"error","msg":...}` log line.</summary>
    internal static string LastMessage(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i];
            if (line.StartsWith('{'))
            {
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    if (doc.RootElement.TryGetProperty("msg", out var m) && m.GetString() is { Length: > 0 } s) return s;
                }
                catch (JsonException) { }
            }
            if (line.Length > 0) return line.StartsWith("nsinit: ", StringComparison.Ordinal) ? line[8..] : line;
        }
        return "";
    }

    /// <summary>Reads the error kind from nsinit's wording (engines match on the same words: DESIGN §3).</summary>
    internal static ContainerErrorKind KindFromMessage(string msg, ContainerErrorKind fallback)
    {
        var m = msg.ToLowerInvariant();
        if (m.Contains("already exists") || m.Contains("in use")) return ContainerErrorKind.IdInUse;
        if (m.Contains("invalid config") || m.Contains("config invalid")) return ContainerErrorKind.ConfigInvalid;
        if (m.Contains("does not exist") || m.Contains("container not found") || m.Contains("no such container"))
            return ContainerErrorKind.NotFound;
        if (m.Contains("is paused")) return ContainerErrorKind.Paused;
        if (m.Contains("not running") || m.Contains("is stopped")) return ContainerErrorKind.NotRunning;
        if (m.Contains("is running") || m.Contains("still running")) return ContainerErrorKind.Running;
        if (m.Contains("invalid container id") || m.Contains("invalid id")) return ContainerErrorKind.InvalidId;
        return fallback;
    }
}
