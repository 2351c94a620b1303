using System.Globalization;
using LibContainer.Config;
using LibContainer.Tests.Runtime;
using Xunit;

namespace LibContainer.Tests.Rootless;

/// <summary>A real unprivileged user for the rootless tests: made with useradd, named lcr-&lt;run tag&gt;… so that the
/// run's sweep (tools/Sweep-TestLeftovers.ps1) finds it, with the subordinate id ranges useradd gives. Its stage is a
/// 0755 scratch directory holding copies of nsinit and the rootfs (the clone, hence out/, may sit in a mode-0700
/// directory the user cannot enter) and its runtime directory (XDG_RUNTIME_DIR: the default state root is under it).
/// Dispose force-deletes its containers, kills what is left of its processes and runs userdel -r.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TestUser : IDisposable
{
    public TestUser()
    {
        Name = "lcr-" + TestRun.Tag + Guid.NewGuid().ToString("N")[..6];
        Stage = Path.Combine(Path.GetTempPath(), Name);
        Directory.CreateDirectory(Stage);
        File.SetUnixFileMode(Stage, (UnixFileMode)0x1ed /*0755*/);
        Home = Path.Combine(Stage, "home");
        Root("useradd", "-m", "-d", Home, "-s", "/bin/sh", Name);
        Uid = uint.Parse(Root("id", "-u", Name).Trim(), CultureInfo.InvariantCulture);
        Gid = uint.Parse(Root("id", "-g", Name).Trim(), CultureInfo.InvariantCulture);
        SubUids = SubordinateIds.Read(SubordinateIds.SubUidFile, Name, Uid);
        if (SubUids.Count == 0 || SubordinateIds.Read(SubordinateIds.SubGidFile, Name, Uid).Count == 0)
        {
            // useradd gives ranges when login.defs says so (Debian's does); otherwise one of 65536 ids of our own.
            uint start = 1_000_000_000 + (uint)Random.Shared.Next(0, 10000) * 65536;
            string range = $"{start}-{start + 65535}";
            Root("usermod", "--add-subuids", range, "--add-subgids", range, Name);
            SubUids = SubordinateIds.Read(SubordinateIds.SubUidFile, Name, Uid);
        }
        Nsinit = Path.Combine(Stage, "nsinit");
        var h = new NsinitHarness();
        try
        {
            File.Copy(h.Nsinit, Nsinit);
            File.SetUnixFileMode(Nsinit, (UnixFileMode)0x1ed);
            Rootfs = Path.Combine(Stage, "rootfs");
            Root("/bin/sh", "-c", "cp -a \"$0/.\" \"$1\" && chmod 755 \"$1\"", h.Rootfs, Rootfs);
        }
        finally { h.Dispose(); }
        RuntimeDir = OwnedDir("run");
        File.SetUnixFileMode(RuntimeDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Name { get; }
    public uint Uid { get; }
    public uint Gid { get; }
    public IReadOnlyList<SubordinateRange> SubUids { get; }
    public string Stage { get; }
    public string Home { get; }
    public string Nsinit { get; }
    public string Rootfs { get; } = "";
    /// <summary>The user's XDG_RUNTIME_DIR: nsinit's default state root is &lt;it&gt;/nsinit.</summary>
    public string RuntimeDir { get; }
    public string StateRoot => Path.Combine(RuntimeDir, "nsinit");

    /// <summary>A new directory in the stage, owned by the user.</summary>
    public string OwnedDir(string prefix)
    {
        var dir = Path.Combine(Stage, prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        Root("chown", $"{Uid}:{Gid}", dir);
        return dir;
    }

    /// <summary>A bundle owned by the user with <paramref name="spec"/> as config.json.</summary>
    public string Bundle(Spec spec)
    {
        var dir = OwnedDir("bundle");
        File.WriteAllText(Path.Combine(dir, "config.json"), ConfigLoader.ToJson(spec));
        return dir;
    }

    /// <summary>`nsinit spec --rootless`'s config for this user on the staged rootfs, without a terminal.</summary>
    public Spec RootlessSpec(params string[] args)
    {
        var spec = SpecDefaults.Create(true, Uid, Gid);
        spec.Root = new Root { Path = Rootfs, Readonly = true };
        spec.Process!.Terminal = false;
        spec.Process.Args = [.. args];
        return spec;
    }

    /// <summary>nsinit as this user (setpriv --reuid/--regid --init-groups, a clean environment), stdin from a file
    /// when <paramref name="stdin"/> is given.</summary>
    public NsinitResult Nsi(string[] args, string? stdin = null) => As(Nsinit, args, stdin);

    public NsinitResult Nsi(params string[] args) => As(Nsinit, args);

    /// <summary>nsinit as this user, started (by root) inside the cgroup2 directory <paramref name="cgroupDir"/>.</summary>
    public NsinitResult NsiInCgroup(string cgroupDir, params string[] args) => As(Nsinit, args, cgroupDir: cgroupDir);

    /// <summary>Any program as this user, with PATH, HOME and XDG_RUNTIME_DIR set and nothing else.</summary>
    public NsinitResult As(string program, string[] args, string? stdin = null, int timeoutMs = 60000, string? cgroupDir = null)
    {
        string input = "/dev/null";
        if (stdin is not null)
        {
            input = Path.Combine(Stage, "stdin-" + Guid.NewGuid().ToString("N")[..8]);
            File.WriteAllText(input, stdin);
        }
        var argv = new List<string>
        {
            "-c", "in=\"$0\"; " + (cgroupDir is null ? "" : $"echo $$ > '{cgroupDir}/cgroup.procs' && ") + "exec \"$@\" <\"$in\"", input,
            "setpriv", "--reuid", Uid.ToString(CultureInfo.InvariantCulture), "--regid", Gid.ToString(CultureInfo.InvariantCulture),
            "--init-groups", "env", "-i", "PATH=/usr/local/bin:/usr/bin:/bin", $"HOME={Home}", $"XDG_RUNTIME_DIR={RuntimeDir}", program,
        };
        argv.AddRange(args);
        try { return NsinitHarness.RunProcess("/bin/sh", [.. argv], timeoutMs); }
        finally { if (stdin is not null) File.Delete(input); }
    }

    /// <summary>The pids of every process running as this user (none must be left).</summary>
    public IReadOnlyList<int> Processes()
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                var uidLine = File.ReadLines(Path.Combine(dir, "status")).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
                if (uidLine?.Split('\t', StringSplitOptions.RemoveEmptyEntries).Skip(1).Contains(Uid.ToString(CultureInfo.InvariantCulture)) == true) pids.Add(pid);
            }
            catch (IOException) { }
        }
        return pids;
    }

    public static string Root(string program, params string[] args)
    {
        var r = NsinitHarness.RunProcess(program, args);
        Assert.True(r.ExitCode == 0, $"{program} {string.Join(' ', args)}: {r}");
        return r.Stdout;
    }

    public void Dispose()
    {
        if (Directory.Exists(StateRoot))
            foreach (var dir in Directory.GetDirectories(StateRoot))
                Nsi("delete", "--force", Path.GetFileName(dir));
        foreach (var pid in Processes())
            try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (Exception) { }
        Deadline.WaitFor(() => Processes().Count == 0);
        NsinitHarness.RunProcess("userdel", ["-r", Name]);
        try { Directory.Delete(Stage, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
