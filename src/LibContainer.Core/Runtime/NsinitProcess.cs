using System.Diagnostics;

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

    /// <summary>Starts nsinit for a process the caller reads or hands the terminal to (exec in the foreground):
    /// `nsinit --log LOG --log-format json ARGS`. Its error, if any, is read back with <see cref="NsinitError.FromLog"/>.</summary>
    public System.Diagnostics.Process Start(IEnumerable<string> args, string log, bool redirectOutput, bool redirectInput = false)
    {
        var psi = new ProcessStartInfo(Path)
        {
            UseShellExecute = false, RedirectStandardOutput = redirectOutput, RedirectStandardError = redirectOutput,
            RedirectStandardInput = redirectInput,
        };
        if (redirectOutput) psi.StandardOutputEncoding = psi.StandardErrorEncoding = System.Text.Encoding.UTF8;
        AddArgs(psi, log, args);
        return System.Diagnostics.Process.Start(psi) ?? throw new ContainerException(ContainerErrorKind.SystemError, $"cannot start {Path}");
    }

    /// <summary>Runs nsinit with <paramref name="args"/>; a non-zero exit becomes a typed ContainerException
    /// (the kind nsinit logged, the message it printed) unless <paramref name="check"/> is false.</summary>
    /// <param name="startsContainer">create / exec --detach: the container inherits nsinit's stdio, so it gets
    /// /dev/null (or <paramref name="outputFile"/>, appended to) instead of pipes (a pipe would stay open as long as the
    /// container lives); errors come from the log.</param>
    /// <param name="cancel">Kills nsinit and throws OperationCanceledException.</param>
    /// <param name="answered">With <paramref name="check"/>: a non-zero exit whose result this says is an answer
    /// (`check` exits 1 with its findings on stdout) is returned, not thrown.</param>
    public Result Run(IEnumerable<string> args, bool check = true, string? id = null, bool startsContainer = false,
        string? outputFile = null, CancellationToken cancel = default, Func<Result, bool>? answered = null)
    {
        string log = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nsinit-log-{Guid.NewGuid():N}.json");
        var psi = startsContainer
            ? new ProcessStartInfo("/bin/sh") { UseShellExecute = false }
            : new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (startsContainer)
        {
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("f=$1; shift; exec \"$@\" </dev/null >>\"$f\" 2>&1");
            psi.ArgumentList.Add("sh");
            psi.ArgumentList.Add(outputFile ?? "/dev/null");
            psi.ArgumentList.Add(Path);
        }
        AddArgs(psi, log, args);
        try
        {
            using var p = System.Diagnostics.Process.Start(psi) ?? throw new ContainerException(ContainerErrorKind.SystemError, $"cannot start {Path}");
            if (startsContainer)
            {
                WaitForExit(p, cancel);
                var quiet = new Result(p.ExitCode, "", "");
                if (check && quiet.ExitCode != 0) throw ErrorFrom(log, quiet, id);
                return quiet;
            }
            p.StandardInput.Close();
            var stdoutTask = p.StandardOutput.ReadToEndAsync(cancel);
            var stderrTask = p.StandardError.ReadToEndAsync(cancel);
            WaitForExit(p, cancel);
            var result = new Result(p.ExitCode, stdoutTask.Result, stderrTask.Result);
            if (check && result.ExitCode != 0 && answered?.Invoke(result) != true) throw ErrorFrom(log, result, id);
            return result;
        }
        finally
        {
            try { File.Delete(log); } catch (IOException) { }
        }
    }

    /// <summary>Waits for exit; on cancellation kills nsinit and throws OperationCanceledException.</summary>
    public static void WaitForExit(System.Diagnostics.Process p, CancellationToken cancel)
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

    private void AddArgs(ProcessStartInfo psi, string log, IEnumerable<string> args)
    {
        if (!File.Exists(Path))
            throw new ContainerException(ContainerErrorKind.SystemError, $"nsinit not found at {Path}: set LIBCONTAINER_NSINIT");
        psi.ArgumentList.Add("--log");
        psi.ArgumentList.Add(log);
        psi.ArgumentList.Add("--log-format");
        psi.ArgumentList.Add("json");
        foreach (var a in args) psi.ArgumentList.Add(a);
    }

    private static ContainerException ErrorFrom(string log, Result result, string? id)
    {
        if (NsinitError.FromLog(log, id) is { Message.Length: > 0 } logged) return logged;
        string message = result.Stderr.Trim();
        if (message.StartsWith("nsinit: ", StringComparison.Ordinal)) message = message["nsinit: ".Length..];
        if (message.Length == 0) message = $"nsinit exited with status {result.ExitCode}";
        return new ContainerException(ContainerErrorKind.SystemError, message, id);
    }
}
