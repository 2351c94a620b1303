using System.Diagnostics;
using LibContainer.Cgroups;

namespace LibContainer.Tests.Cgroups;

/// <summary>A cgroup and child processes for one integration test; Dispose kills the children (by pid) and removes the cgroup.</summary>
internal sealed class CgroupTestScope : IDisposable
{
    private readonly List<Process> _children = new();

    public CgroupTestScope(CgroupHost? host = null, string? cgroupsPath = null)
    {
        Id = "t" + Guid.NewGuid().ToString("N")[..12];
        Host = host ?? CgroupHost.Current;
        Path = cgroupsPath ?? "/" + TestRun.NewCgroupName();
        Manager = CgroupManagerFactory.Open(Path, Id, false, Host);
        if (Host.Unified is { } u) _rootSubtreeControl = File.ReadAllText(System.IO.Path.Combine(u.MountPoint, "cgroup.subtree_control")).Trim();
    }

    private readonly string? _rootSubtreeControl;

    public string Id { get; }
    public string Path { get; }
    public CgroupHost Host { get; }
    public ICgroupManager Manager { get; }

    /// <summary>Starts a plain child process (no fork from this JIT host: Process uses posix_spawn/vfork+exec).</summary>
    public Process Start(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        _children.Add(p);
        return p;
    }

    /// <summary>Starts `sh -c SCRIPT` that first moves itself into every cgroup of <see cref="Manager"/>, then runs
    /// the script: what it does is limited from its first instruction (moving it from outside after it started
    /// races with a loaded host, where the hog would run unlimited in the test runner's cgroup).</summary>
    public Process StartInCgroup(string script)
    {
        var join = string.Join(" ", Manager.Paths.Values.Distinct().Select(d => $"'{d}/cgroup.procs'"));
        return Start("/bin/sh", "-c", $"for f in {join}; do echo $$ > \"$f\" || exit 125; done; {script}");
    }

    public void Dispose()
    {
        foreach (var p in _children)
        {
            try
            {
                if (!p.HasExited) p.Kill();
                p.WaitForExit(5000);
            }
            catch (InvalidOperationException) { }
            p.Dispose();
        }
        try { Manager.Destroy(); }
        catch (Exception)
        {
            // Last resort so nothing is left behind: thaw, then remove leftover directories deepest first.
            foreach (var dir in Manager.Paths.Values.Distinct())
            {
                try { File.WriteAllText(System.IO.Path.Combine(dir, "freezer.state"), "THAWED"); } catch (Exception) { }
                try { File.WriteAllText(System.IO.Path.Combine(dir, "cgroup.freeze"), "0"); } catch (Exception) { }
                try { Directory.Delete(dir); } catch (Exception) { }
            }
        }
        RestoreRootSubtreeControl();
    }

    // On a v2 view the manager enables controllers at the root as on a pure v2 host; undo that on this shared machine.
    private void RestoreRootSubtreeControl()
    {
        if (Host.Unified is not { } u || _rootSubtreeControl is null) return;
        var file = System.IO.Path.Combine(u.MountPoint, "cgroup.subtree_control");
        var before = _rootSubtreeControl.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var c in File.ReadAllText(file).Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            if (!before.Contains(c))
                try { File.WriteAllText(file, "-" + c); } catch (IOException) { }
    }

    public static bool IsRoot => Environment.UserName == "root";
}
