using System.Diagnostics;
using System.Text;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.Tests.Runtime;
using Xunit;

namespace LibContainer.Tests.CgroupsE2E;

/// <summary>The classes of this folder start real containers with cgroup limits (OOM kills, fork loops): one at a time.</summary>
[CollectionDefinition("CgroupsE2E", DisableParallelization = true)]
public sealed class CgroupsE2ECollection;

/// <summary>What the cgroup end-to-end tests share, on top of the runtime's <see cref="NsinitHarness"/>: the host's
/// cgroup mounts, a container's cgroup lines, state, and polling.</summary>
internal static class CgroupE2E
{
    /// <summary>Mount points of every cgroup (v1) and cgroup2 filesystem, from /proc/self/mountinfo.</summary>
    public static IReadOnlyList<string> CgroupMounts()
    {
        var result = new List<string>();
        foreach (var line in File.ReadAllLines("/proc/self/mountinfo"))
        {
            var parts = line.Split(' ');
            int dash = Array.IndexOf(parts, "-");
            if (dash < 0 || dash + 1 >= parts.Length) continue;
            if (parts[dash + 1] is "cgroup" or "cgroup2") result.Add(parts[4]);
        }
        return result;
    }

    /// <summary>The hierarchies mounted here, as /proc/PID/cgroup names them: "cpu,cpuacct", "name=systemd", and ""
    /// for cgroup2. (/proc/PID/cgroup also lists hierarchies mounted only elsewhere, e.g. in another mount namespace.)</summary>
    public static HashSet<string> MountedHierarchies()
    {
        var known = File.ReadAllLines("/proc/cgroups").Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')[0]).ToHashSet();
        var result = new HashSet<string>();
        foreach (var line in File.ReadAllLines("/proc/self/mountinfo"))
        {
            var parts = line.Split(' ');
            int dash = Array.IndexOf(parts, "-");
            if (dash < 0 || dash + 3 >= parts.Length) continue;
            if (parts[dash + 1] == "cgroup2") result.Add("");
            if (parts[dash + 1] != "cgroup") continue;
            var names = parts[dash + 3].Split(',').Where(o => known.Contains(o) || o.StartsWith("name=", StringComparison.Ordinal));
            result.Add(string.Join(',', names.Order(StringComparer.Ordinal)));
        }
        return result;
    }

    /// <summary>The v1 mount point of a controller ("memory", "pids", "freezer", …).</summary>
    public static string V1Mount(string controller)
    {
        foreach (var line in File.ReadAllLines("/proc/self/mountinfo"))
        {
            var parts = line.Split(' ');
            int dash = Array.IndexOf(parts, "-");
            if (dash < 0 || dash + 3 >= parts.Length || parts[dash + 1] != "cgroup") continue;
            if (parts[dash + 3].Split(',').Contains(controller)) return parts[4];
        }
        throw new InvalidOperationException($"no v1 hierarchy with the {controller} controller on this host");
    }

    /// <summary>A cgroup file of the container, e.g. File("memory", "/nsinit/x", "memory.limit_in_bytes").</summary>
    public static string CgFile(string controller, string cgroupPath, string name)
        => Path.Combine(V1Mount(controller), cgroupPath.TrimStart('/'), name);

    public static string Read(string controller, string cgroupPath, string name)
        => File.ReadAllText(CgFile(controller, cgroupPath, name)).Trim();

    /// <summary>Lines "hierarchy-id:controllers:path" of /proc/PID/cgroup as (controllers, path).</summary>
    public static List<(string Controllers, string Path)> CgroupsOf(int pid)
        => File.ReadAllLines($"/proc/{pid}/cgroup").Where(l => l.Length > 0)
            .Select(l => l.Split(':', 3)).Select(p => (p[1], p[2])).ToList();

    /// <summary>Every cgroup directory at <paramref name="cgroupPath"/> that exists in any hierarchy.</summary>
    public static List<string> ExistingDirs(string cgroupPath)
        => CgroupMounts().Select(m => Path.Combine(m, cgroupPath.TrimStart('/'))).Where(Directory.Exists).ToList();

    public static JsonElement State(NsinitHarness h, string id)
    {
        var r = h.Nsi("state", id);
        Assert.True(r.ExitCode == 0, "state: " + r);
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    public static string Status(NsinitHarness h, string id) => State(h, id).GetProperty("status").GetString()!;

    public static int Pid(NsinitHarness h, string id) => State(h, id).GetProperty("pid").GetInt32();

    /// <summary>The container's recorded state.json (the config it runs with, as updated).</summary>
    public static JsonElement Record(NsinitHarness h, string id)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(h.Root, id, "state.json"))).RootElement.Clone();

    public static void Ok(NsinitResult r, string what) => Assert.True(r.ExitCode == 0, what + ": " + r);

    /// <summary>`run --detach` of a spec; returns the id.</summary>
    public static string RunDetached(NsinitHarness h, Spec spec, string? id = null)
    {
        id ??= NsinitHarness.NewId();
        Ok(h.Nsi("run", "--detach", "--bundle", h.Bundle(spec), id), "run -d " + id);
        return id;
    }

    /// <summary>nsinit with <paramref name="stdin"/> as its standard input (update --resources -).</summary>
    public static NsinitResult NsiWithStdin(NsinitHarness h, string stdin, params string[] args)
    {
        var file = Path.Combine(h.TempDir("cgcli-stdin-"), "in");
        File.WriteAllText(file, stdin);
        var all = new List<string> { "-c", $"exec \"$0\" \"$@\" <'{file}'", h.Nsinit };
        all.AddRange(h.GlobalArgs.Concat(new[] { "--root", h.Root }).Concat(args));
        return NsinitHarness.RunProcess("/bin/sh", all.ToArray());
    }

    public static LinuxResources Resources(this Spec spec) => (spec.Linux ??= new Linux()).Resources ??= new LinuxResources();

    public static bool WaitFor(Func<bool> condition, int timeoutMs = 10000)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            if (condition()) return true;
            Thread.Sleep(25);
        }
        return condition();
    }

    public static void WaitStopped(NsinitHarness h, string id)
        => Assert.True(WaitFor(() => Status(h, id) == "stopped"), $"container {id} did not stop: {Status(h, id)}");
}

/// <summary>A long-running nsinit (events) whose stdout lines are collected as they come. Dispose kills it (by pid).</summary>
internal sealed class StreamingNsinit : IDisposable
{
    private readonly System.Diagnostics.Process _p;
    private readonly List<string> _lines = new();
    private readonly StringBuilder _stderr = new();

    public StreamingNsinit(NsinitHarness h, params string[] args) : this(h, null, args) { }

    /// <summary>Started in <paramref name="workDir"/> (the seed's commands work on the current directory).</summary>
    public static StreamingNsinit InDirectory(NsinitHarness h, string workDir, params string[] args) => new(h, workDir, args);

    private StreamingNsinit(NsinitHarness h, string? workDir, string[] args)
    {
        var psi = new ProcessStartInfo(h.Nsinit)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        if (workDir is not null) psi.WorkingDirectory = workDir;
        foreach (var a in h.GlobalArgs.Concat(new[] { "--root", h.Root }).Concat(args)) psi.ArgumentList.Add(a);
        _p = System.Diagnostics.Process.Start(psi)!;
        _p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        _p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.Append(e.Data).Append('\n'); };
        _p.BeginOutputReadLine();
        _p.BeginErrorReadLine();
        _p.StandardInput.Close();
    }

    public List<string> Lines { get { lock (_lines) return _lines.ToList(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public List<JsonElement> Events => Lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public bool WaitForEvent(string type, int timeoutMs = 20000)
        => CgroupE2E.WaitFor(() => Events.Any(e => e.GetProperty("type").GetString() == type), timeoutMs);

    public bool WaitForExit(int timeoutMs)
    {
        if (!_p.WaitForExit(timeoutMs)) return false;
        _p.WaitForExit(); // drains the output
        return true;
    }

    public int ExitCode => _p.ExitCode;

    public override string ToString() => $"stdout:\n{string.Join('\n', Lines)}\nstderr:\n{Stderr}";

    public void Dispose()
    {
        try { if (!_p.HasExited) _p.Kill(); } catch (InvalidOperationException) { }
        _p.WaitForExit(5000);
        _p.Dispose();
    }
}
