using System.Diagnostics;
using System.Text;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>What a run of the published nsinit produced.</summary>
public sealed record NsinitResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>Runs the PUBLISHED nsinit (never forks from the test host) with a private --root, and makes bundles
/// whose config.json points at the shared busybox rootfs. Dispose removes every container, bundle and the root.</summary>
public sealed class NsinitHarness : IDisposable
{
    private readonly List<string> _dirs = new();

    public NsinitHarness()
    {
        Nsinit = Locate("LIBCONTAINER_NSINIT", Path.Combine("out", "LibContainer", "nsinit"));
        Rootfs = Locate("LIBCONTAINER_ROOTFS", Path.Combine("out", "rootfs"));
        Root = TempDir("nsinit-root-");
        CgroupParent = "/" + TestRun.NewCgroupName();
    }

    /// <summary>The cgroup every container of <see cref="DefaultSpec"/> goes under (removed by Dispose).</summary>
    public string CgroupParent { get; }

    public string Nsinit { get; }
    public string Rootfs { get; }
    public string Root { get; }
    public string[] GlobalArgs { get; set; } = Array.Empty<string>();

    private static string Locate(string env, string relative)
    {
        var fromEnv = Environment.GetEnvironmentVariable(env);
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LibContainer.sln"))) dir = dir.Parent;
        Assert.True(dir is not null, "repository root (LibContainer.sln) not found above " + AppContext.BaseDirectory);
        var path = Path.Combine(dir!.FullName, relative);
        Assert.True(File.Exists(path) || Directory.Exists(path),
            $"{path} not found: set {env}, or run `dotnet publish src/LibContainer.Cli -c Release -o out/LibContainer` and `tools/make-rootfs.sh out/rootfs`");
        return path;
    }

    public string TempDir(string prefix)
    {
        var d = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(d);
        _dirs.Add(d);
        return d;
    }

    /// <summary>A private copy of the rootfs in a world-traversable temp dir: a user namespace's mapped root must be
    /// able to reach its rootfs, and the clone (hence out/rootfs) may sit inside a mode-0700 directory.</summary>
    public string ReachableRootfs()
    {
        var dir = TempDir("nsinit-rootfs-");
        var cp = RunProcess("/bin/sh", new[] { "-c", "cp -a \"$0/.\" \"$1\" && chmod 755 \"$1\"", Rootfs, dir });
        Assert.True(cp.ExitCode == 0, "copying the rootfs: " + cp);
        return dir;
    }

    /// <summary>The default spec (SpecDefaults) with the capabilities engines give (Docker's 14, e.g. NET_RAW for
    /// ping), read-only root on the shared rootfs, no terminal, given args.</summary>
    public Spec DefaultSpec(params string[] args)
    {
        var spec = SpecDefaults.Create();
        var caps = LibContainer.Security.Capabilities.DefaultSet;
        spec.Process!.Capabilities = new LinuxCapabilities { Bounding = [.. caps], Effective = [.. caps], Permitted = [.. caps] };
        spec.Root = new Root { Path = Rootfs, Readonly = true };
        spec.Process!.Terminal = false;
        spec.Process.Args = args.ToList();
        spec.Linux!.CgroupsPath = $"{CgroupParent}/{Guid.NewGuid().ToString("N")[..12]}";
        return spec;
    }

    /// <summary>The cgroupsPath a container of this harness was created with (read from its state.json).</summary>
    public string CgroupOf(string id)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, id, "state.json")));
        return doc.RootElement.GetProperty("cgroupsPath").GetString()!;
    }

    public string Bundle(Spec spec)
    {
        var dir = TempDir("nsinit-bundle-");
        File.WriteAllText(Path.Combine(dir, "config.json"), ConfigLoader.ToJson(spec));
        return dir;
    }

    public NsinitResult Nsi(params string[] args) => RunProcess(Nsinit, GlobalArgs.Concat(new[] { "--root", Root }).Concat(args).ToArray());

    /// <summary>`run` of a spec in a fresh bundle; returns the container's output and exit status.</summary>
    public NsinitResult Run(Spec spec, string? id = null)
        => Nsi("run", "--bundle", Bundle(spec), id ?? NewId());

    public static string NewId() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Runs a program with stdout/stderr going to files, not pipes: a created container's init inherits
    /// them, and waiting for pipe EOF would wait for the container.</summary>
    public static NsinitResult RunProcess(string file, string[] args, int timeoutMs = 30000)
    {
        string dir = Path.Combine(Path.GetTempPath(), "nsinit-out-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("exec \"$0\" \"$@\" >\"$NSINIT_TEST_OUT/out\" 2>\"$NSINIT_TEST_OUT/err\"");
            psi.ArgumentList.Add(file);
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment["NSINIT_TEST_OUT"] = dir;
            using var p = System.Diagnostics.Process.Start(psi)!;
            p.StandardInput.Close();
            if (!p.WaitForExit(timeoutMs))
            {
                p.Kill(true);
                Assert.Fail($"{file} {string.Join(' ', args)} did not finish in {timeoutMs} ms");
            }
            return new NsinitResult(p.ExitCode, ReadShared(Path.Combine(dir, "out")), ReadShared(Path.Combine(dir, "err")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static string ReadShared(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var r = new StreamReader(fs);
        return r.ReadToEnd();
    }

    /// <summary>Fails unless container <paramref name="id"/> left nothing: no state directory, no cgroup in any
    /// hierarchy, no process naming it (init before exec is a copy of nsinit whose command line names the id), no mount.</summary>
    public void AssertNothingLeft(string id, string cgroup)
    {
        Assert.False(Directory.Exists(Path.Combine(Root, id)), "state dir left");
        var dirs = Directory.GetDirectories("/sys/fs/cgroup").Append("/sys/fs/cgroup").Select(h => h + cgroup).Where(Directory.Exists).ToList();
        Assert.True(dirs.Count == 0, "cgroups left: " + string.Join(", ", dirs));
        Assert.True(Deadline.WaitFor(() => ProcessesNaming(id).Count == 0), "processes left: " + string.Join(", ", ProcessesNaming(id)));
        Assert.DoesNotContain(File.ReadAllLines("/proc/self/mountinfo"), l => l.Contains(id, StringComparison.Ordinal));
    }

    private static List<int> ProcessesNaming(string id)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(id, StringComparison.Ordinal)
                    && LibContainer.Runtime.ContainerStatusProbe.IsAlive(pid, 0, "/proc"))
                    found.Add(pid);
            }
            catch (IOException) { }
        }
        return found;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
            foreach (var dir in Directory.GetDirectories(Root))
                Nsi("delete", "--force", Path.GetFileName(dir));
        foreach (var d in _dirs.AsEnumerable().Reverse())
            try { Directory.Delete(d, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        RemoveCgroupParent();
    }

    /// <summary>Removes the (by now empty) parent cgroup in every hierarchy, children first.</summary>
    private void RemoveCgroupParent()
    {
        foreach (var hierarchy in Directory.GetDirectories("/sys/fs/cgroup").Append("/sys/fs/cgroup"))
        {
            var dir = hierarchy + CgroupParent;
            if (!Directory.Exists(dir)) continue;
            foreach (var child in Directory.GetDirectories(dir, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(dir))
                try { Directory.Delete(child); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
