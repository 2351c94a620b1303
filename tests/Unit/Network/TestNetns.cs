using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using LibContainer.Network;

namespace LibContainer.Tests.Network;

/// <summary>
/// Network namespaces a test owns ("lc-test-XXXXXX-h" stands in for the host, others for containers, each with a
/// `sleep` whose pid names it). Disposing kills the sleepers by pid and deletes the namespaces, and with them
/// every interface and address the test made. Nothing here touches the machine's own namespace.
/// </summary>
internal sealed class TestNetns : IDisposable
{
    private readonly string _id = RandomNumberGenerator.GetHexString(6, lowercase: true);
    private readonly List<string> _namespaces = [];
    private readonly List<Process> _sleepers = [];

    public string Add(string suffix)
    {
        var name = $"lc-test-{TestRun.Tag}{_id}-{suffix}";
        Ip("netns", "add", name);
        _namespaces.Add(name);
        return name;
    }

    /// <summary>Starts `sleep 60` inside the namespace and returns its pid once it runs there.</summary>
    public int StartSleeper(string netns)
    {
        var process = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", netns, "sleep", "60"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _sleepers.Add(process);
        // `ip netns exec` enters the namespace, then execs sleep: wait for both before anyone uses the pid.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var comm = TryRead($"/proc/{process.Id}/comm")?.Trim();
            if (comm == "sleep" && Run("ip", "netns", "identify", process.Id.ToString()).Trim() == netns)
                return process.Id;
            Thread.Sleep(20);
        }
        throw new InvalidOperationException($"sleep in netns {netns} did not start");
    }

    /// <summary>Runs <paramref name="work"/> on a new thread that has entered <paramref name="netns"/>; the test thread stays put.</summary>
    public static T RunIn<T>(string netns, Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var scope = NetnsScope.Enter($"/run/netns/{netns}");
                var here = new FileInfo(NetnsScope.CurrentThreadNetnsPath).LinkTarget;
                var process = new FileInfo("/proc/self/ns/net").LinkTarget;
                if (here is null || here == process)
                    throw new InvalidOperationException($"refusing to run: thread is not inside {netns} ({here})");
                result = work();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }

    public static void RunIn(string netns, Action work) => RunIn(netns, () => { work(); return 0; });

    public static string Ip(params string[] args) => Run("ip", args);

    public static string Run(string file, params string[] args)
    {
        var (code, output, error) = TryRun(file, args);
        if (code != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({code}): {error}");
        return output;
    }

    public static (int Code, string Output, string Error) TryRun(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    /// <summary>One ping from inside a namespace (busybox); a few tries, since the first may wait for neighbour discovery.</summary>
    public static bool Ping(string netns, string address)
    {
        for (var i = 0; i < 3; i++)
            if (TryRun("ip", "netns", "exec", netns, "busybox", "ping", "-c1", "-W2", address).Code == 0) return true;
        return false;
    }

    private static string? TryRead(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public void Dispose()
    {
        foreach (var process in _sleepers)
        {
            try
            {
                if (!process.HasExited) process.Kill();
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException) { }
            process.Dispose();
        }
        foreach (var name in _namespaces)
            TryRun("ip", "netns", "del", name);
    }
}
