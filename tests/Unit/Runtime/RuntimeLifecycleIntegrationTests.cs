using System.Text.Json;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>create / start / state / kill / delete / list through the published nsinit, with cgroups.</summary>
[Trait("Category", "Integration")]
public sealed class RuntimeLifecycleIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private string Status(string id)
    {
        var r = _h.Nsi("state", id);
        Assert.True(r.ExitCode == 0, r.ToString());
        return JsonDocument.Parse(r.Stdout).RootElement.GetProperty("status").GetString()!;
    }

    [Fact]
    public void Create_Start_Kill_Delete_Transitions()
    {
        string id = NsinitHarness.NewId();
        var bundle = _h.Bundle(_h.DefaultSpec("/bin/sleep", "60"));
        var pidFile = Path.Combine(bundle, "pid");
        var c = _h.Nsi("create", "--bundle", bundle, "--pid-file", pidFile, id);
        Assert.True(c.ExitCode == 0, c.ToString());
        int pid = int.Parse(File.ReadAllText(pidFile));
        Assert.Equal("created", Status(id));
        Assert.Contains(id, _h.Nsi("list", "-q").Stdout);
        Assert.Equal(1, _h.Nsi("create", "--bundle", bundle, id).ExitCode); // id in use

        Assert.Equal(0, _h.Nsi("start", id).ExitCode);
        Assert.Equal("running", Status(id));
        Assert.Contains("sleep", File.ReadAllText($"/proc/{pid}/cmdline"));
        var ps = _h.Nsi("ps", "--format", "json", id);
        Assert.Equal($"[{pid}]\n", ps.Stdout);
        var list = JsonDocument.Parse(_h.Nsi("list", "--format", "json").Stdout).RootElement;
        Assert.Equal("running", list.EnumerateArray().Single(e => e.GetProperty("id").GetString() == id).GetProperty("status").GetString());

        var del = _h.Nsi("delete", id);
        Assert.Equal(1, del.ExitCode);
        Assert.Contains("not stopped", del.Stderr);

        Assert.Equal(0, _h.Nsi("kill", id, "SIGKILL").ExitCode);
        for (int i = 0; i < 50 && Status(id) != "stopped"; i++) Thread.Sleep(20);
        Assert.Equal("stopped", Status(id));
        Assert.Equal(0, _h.Nsi("delete", id).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_h.Root, id)));
        Assert.Equal(1, _h.Nsi("state", id).ExitCode);
    }

    [Fact]
    public void Kill_Signal_Names_And_Numbers_And_Force_Delete()
    {
        string id = NsinitHarness.NewId();
        var bundle = _h.Bundle(_h.DefaultSpec("/bin/sh", "-c", "trap 'exit 3' USR1; while true; do sleep 0.05; done"));
        Assert.Equal(0, _h.Nsi("run", "--detach", "--bundle", bundle, id).ExitCode);
        Assert.Equal(1, _h.Nsi("kill", id, "NOSUCH").ExitCode);
        Assert.Equal(0, _h.Nsi("kill", id, "USR1").ExitCode);
        for (int i = 0; i < 100 && Status(id) != "stopped"; i++) Thread.Sleep(20);
        Assert.Equal("stopped", Status(id));
        Assert.Equal(0, _h.Nsi("delete", id).ExitCode);

        string id2 = NsinitHarness.NewId();
        Assert.Equal(0, _h.Nsi("run", "-d", "--bundle", bundle, id2).ExitCode);
        Assert.Equal(0, _h.Nsi("kill", "--all", id2, "10").ExitCode);
        Assert.Equal(0, _h.Nsi("delete", "--force", id2).ExitCode);
        Assert.Equal(0, _h.Nsi("delete", "--force", "never-existed").ExitCode);
    }

    [Fact]
    public void Delete_Of_Created_Container_Kills_Init()
    {
        string id = NsinitHarness.NewId();
        var bundle = _h.Bundle(_h.DefaultSpec("/bin/true"));
        var pidFile = Path.Combine(bundle, "pid");
        Assert.Equal(0, _h.Nsi("create", "--bundle", bundle, "--pid-file", pidFile, id).ExitCode);
        int pid = int.Parse(File.ReadAllText(pidFile));
        Assert.Equal(0, _h.Nsi("delete", id).ExitCode);
        Assert.False(File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] != "Z");
    }

    [Fact]
    public void Failed_Create_Leaves_Nothing()
    {
        string id = NsinitHarness.NewId();
        var spec = _h.DefaultSpec("/bin/true");
        spec.Linux!.CgroupsPath = _h.CgroupParent + "/" + id;
        spec.Mounts!.Add(new Mount { Destination = "/broken", Type = "nosuchfs", Source = "none" });
        // Only mounts of this container's rootfs count: other test classes add netns mounts in parallel.
        int RootfsMounts() => File.ReadAllLines("/proc/self/mountinfo").Count(l => l.Contains(_h.Rootfs));
        int before = RootfsMounts();
        var r = _h.Run(spec, id);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("mount '/broken'", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_h.Root, id)));
        Assert.Equal(before, RootfsMounts());
        foreach (var hierarchy in Directory.GetDirectories("/sys/fs/cgroup"))
            Assert.False(Directory.Exists(Path.Combine(hierarchy, "nsinit-test", id)), hierarchy);
        Assert.DoesNotContain(Directory.GetDirectories("/proc").Select(Path.GetFileName), p =>
        {
            try { return File.ReadAllText($"/proc/{p}/cgroup").Contains(id); } catch (Exception) { return false; }
        });
    }

    [Fact]
    public void State_Json_Has_Oci_Fields()
    {
        string id = NsinitHarness.NewId();
        var spec = _h.DefaultSpec("/bin/sleep", "30");
        spec.Annotations = new() { ["org.example"] = "yes" };
        var bundle = _h.Bundle(spec);
        Assert.Equal(0, _h.Nsi("create", "--bundle", bundle, id).ExitCode);
        var s = JsonDocument.Parse(_h.Nsi("state", id).Stdout).RootElement;
        Assert.Equal("1.3.0", s.GetProperty("ociVersion").GetString());
        Assert.Equal(id, s.GetProperty("id").GetString());
        Assert.Equal(bundle, s.GetProperty("bundle").GetString());
        Assert.True(s.GetProperty("pid").GetInt32() > 0);
        Assert.Equal("yes", s.GetProperty("annotations").GetProperty("org.example").GetString());
        Assert.Equal(0, _h.Nsi("delete", "--force", id).ExitCode);
    }

    [Fact]
    public void Update_Pause_Resume()
    {
        string id = NsinitHarness.NewId();
        Assert.Equal(0, _h.Nsi("run", "-d", "--bundle", _h.Bundle(_h.DefaultSpec("/bin/sleep", "30")), id).ExitCode);
        var file = Path.Combine(_h.TempDir("nsinit-update-"), "r.json");
        File.WriteAllText(file, "{\"memory\":{\"limit\":67108864}}");
        var u = _h.Nsi("update", "--resources", file, id);
        Assert.True(u.ExitCode == 0, u.ToString());
        var limit = Path.Combine("/sys/fs/cgroup/memory/nsinit", id, "memory.limit_in_bytes");
        if (File.Exists(limit)) Assert.Equal("67108864", File.ReadAllText(limit).Trim());
        Assert.Equal(0, _h.Nsi("pause", id).ExitCode);
        Assert.Equal("paused", Status(id));
        Assert.Equal(0, _h.Nsi("resume", id).ExitCode);
        Assert.Equal("running", Status(id));
        Assert.Equal(0, _h.Nsi("delete", "--force", id).ExitCode);
    }

    [Fact]
    public void Usage_Errors_Exit_1()
    {
        Assert.Equal(1, _h.Nsi("create", "--bogus", "x").ExitCode);
        Assert.Equal(1, _h.Nsi("frobnicate").ExitCode);
        Assert.Equal(1, _h.Nsi("state").ExitCode);
        var v = NsinitHarness.RunProcess(_h.Nsinit, new[] { "--version" });
        Assert.Equal(0, v.ExitCode);
        Assert.Contains("spec: 1.3.0", v.Stdout);
    }

    [Fact]
    public void Log_File_Gets_Json_Lines()
    {
        var log = Path.Combine(_h.TempDir("nsinit-log-"), "log.json");
        _h.GlobalArgs = new[] { "--log", log, "--log-format", "json" };
        Assert.Equal(1, _h.Nsi("state", "nosuchcontainer").ExitCode);
        var line = JsonDocument.Parse(File.ReadAllLines(log).Last()).RootElement;
        Assert.Equal("error", line.GetProperty("level").GetString());
        Assert.Contains("does not exist", line.GetProperty("msg").GetString());
        Assert.True(line.TryGetProperty("time", out _));
    }
}
