using System.Diagnostics;
using LibContainer.Tests.Runtime;
using Xunit;

namespace LibContainer.Tests.Engines;

/// <summary>Runs engine command lines through /bin/sh with output in files (engines leave children holding pipes),
/// a deadline, and the environment the sandbox gives; polls for conditions with deadlines.</summary>
internal static class EngineShell
{
    public static NsinitResult Sh(string script, IReadOnlyDictionary<string, string>? env = null, int timeoutMs = 90_000)
    {
        string dir = Path.Combine(Path.GetTempPath(), "lcengines-out-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add($"exec >'{dir}/out' 2>'{dir}/err' </dev/null\n{script}");
            foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
            using var p = Process.Start(psi)!;
            p.StandardInput.Close();
            if (!p.WaitForExit(timeoutMs))
            {
                p.Kill(entireProcessTree: true);
                Assert.Fail($"`{script}` did not finish in {timeoutMs} ms; stderr: {Read(Path.Combine(dir, "err"))}");
            }
            return new NsinitResult(p.ExitCode, Read(Path.Combine(dir, "out")), Read(Path.Combine(dir, "err")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Runs and asserts exit 0; returns stdout.</summary>
    public static string Ok(string script, IReadOnlyDictionary<string, string>? env = null, int timeoutMs = 90_000)
    {
        var r = Sh(script, env, timeoutMs);
        Assert.True(r.ExitCode == 0, $"`{script}`: {r}");
        return r.Stdout;
    }

    public static void WaitUntil(Func<bool> condition, string what, int timeoutMs = 30_000)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.ElapsedMilliseconds > timeoutMs) Assert.Fail($"timed out after {timeoutMs} ms waiting for {what}");
            Thread.Sleep(50);
        }
    }

    private static string Read(string path)
    {
        if (!File.Exists(path)) return "";
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(fs).ReadToEnd();
    }

    /// <summary>Single-quotes a value for sh.</summary>
    public static string Q(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
