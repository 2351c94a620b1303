using System.Diagnostics;
using System.Text.Json;

namespace LibContainer.Runtime;

/// <summary>Runs the NativeAOT nsinit as an ordinary child process: what every JIT host (pwsh, .NET programs) does
/// for anything that creates or joins namespaces. A JIT process must never fork itself.</summary>
public sealed class NsinitProcess
{
    public NsinitProcess(string? path = null) => Path = path ?? Locate();

    public string Path { get; }

    /// <summary>env LIBCONTAINER_NSINIT, else `nsinit` beside LibContainer.Core.dll.</summary>
    public static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("LIBCONTAINER_NSINIT");
        if (!string.IsNullOrEmpty(env)) return env;
#pragma warning disable IL3000 // empty in single-file apps: then the app directory is used
        var dir = System.IO.Path.GetDirectoryName(typeof(NsinitProcess).Assembly.Location);
#pragma warning restore IL3000
        if (string.IsNullOrEmpty(dir)) dir = AppContext.BaseDirectory;
        var path = System.IO.Path.Combine(dir, "nsinit");
        if (!File.Exists(path))
            throw new ContainerException(ContainerErrorKind.SystemError, $"nsinit not found at {path}: set LIBCONTAINER_NSINIT");
        return path;
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs nsinit with <paramref name="args"/>; a non-zero exit becomes a typed ContainerException
    /// (the kind nsinit logged, the message it printed) unless <paramref name="check"/> is false.</summary>
    /// <param name="startsContainer">create / exec --detach: the container inherits nsinit's stdio, so it gets
    /// /dev/null instead of pipes (a pipe would stay open as long as the container lives); errors come from the log.</param>
    public Result Run(IEnumerable<string> args, bool check = true, string? id = null, bool startsContainer = false)
    {
        string log = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nsinit-log-{Guid.NewGuid():N}.json");
        var psi = startsContainer
            ? new ProcessStartInfo("/bin/sh") { UseShellExecute = false }
            : new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (startsContainer)
        {
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("exec \"$0\" \"$@\" </dev/null >/dev/null 2>/dev/null");
            psi.ArgumentList.Add(Path);
        }
        psi.ArgumentList.Add("--log");
        psi.ArgumentList.Add(log);
        psi.ArgumentList.Add("--log-format");
        psi.ArgumentList.Add("json");
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = System.Diagnostics.Process.Start(psi) ?? throw new ContainerException(ContainerErrorKind.SystemError, $"cannot start {Path}");
            if (startsContainer)
            {
                p.WaitForExit();
                var quiet = new Result(p.ExitCode, "", "");
                if (check && quiet.ExitCode != 0) throw ErrorFrom(log, quiet, id);
                return quiet;
            }
            p.StandardInput.Close();
            var stdoutTask = p.StandardOutput.ReadToEndAsync();
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            var result = new Result(p.ExitCode, stdoutTask.Result, stderr);
            if (check && result.ExitCode != 0) throw ErrorFrom(log, result, id);
            return result;
        }
        finally
        {
            try { File.Delete(log); } catch (IOException) { }
        }
    }

    private static ContainerException ErrorFrom(string log, Result result, string? id)
    {
        string message = result.Stderr.Trim();
        if (message.StartsWith("nsinit: ", StringComparison.Ordinal)) message = message["nsinit: ".Length..];
        var kind = ContainerErrorKind.SystemError;
        try
        {
            var last = File.ReadAllLines(log).LastOrDefault(l => l.Contains("\"error\""));
            if (last is not null)
            {
                var doc = JsonDocument.Parse(last).RootElement;
                if (doc.TryGetProperty("msg", out var msg)) message = msg.GetString() ?? message;
                if (doc.TryGetProperty("kind", out var k) && Enum.TryParse<ContainerErrorKind>(k.GetString(), out var parsed)) kind = parsed;
            }
        }
        catch (Exception e) when (e is IOException or JsonException) { }
        if (message.Length == 0) message = $"nsinit exited with status {result.ExitCode}";
        return new ContainerException(kind, message, id);
    }
}
