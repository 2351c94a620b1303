using System.Text.Json;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>Recovery without state.json (docs/recovery.md): a container whose state directory is lost is found by its
/// cgroup markers (`list --recover`) and removed by `delete --force`; `gc` removes orphans marked as ours and nothing else.</summary>
[Trait("Category", "Integration")]
public sealed class RecoveryIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();
    private readonly List<string> _ids = new();

    public void Dispose()
    {
        foreach (var id in _ids) _h.Nsi("delete", "--force", id); // finds them by their markers when a test failed midway
        _h.Dispose();
    }

    public static TheoryData<string> Points => new() { "cgroup", "cloned", "go", "saved", "started" };

    [Theory]
    [MemberData(nameof(Points))]
    public void Lost_State_Dir_Is_Listed_Then_Delete_Force_Leaves_Nothing(string point)
    {
        var (id, cgroup) = CreateThenLoseState(point);

        var list = _h.Nsi("list", "--recover", "--format", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var entry = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        Assert.Equal(cgroup, entry.GetProperty("recoveredCgroup").GetString());
        if (point is "saved" or "started") // init waits on the exec fifo (or runs): it is found alive by its marker
            Assert.True(entry.GetProperty("pid").GetInt32() > 0 && entry.GetProperty("status").GetString() == "running", list.Stdout);
        Assert.Contains(id, _h.Nsi("list", "--recover").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(id, _h.Nsi("list").Stdout, StringComparison.Ordinal);

        int pid = entry.GetProperty("pid").GetInt32();
        var d = _h.Nsi("delete", "--force", id);
        Assert.True(d.ExitCode == 0, d.ToString());
        _h.AssertNothingLeft(id, cgroup);
        Assert.True(pid == 0 || Deadline.WaitFor(() => !LibContainer.Runtime.ContainerStatusProbe.IsAlive(pid, 0, "/proc")), $"init {pid} left");
        Assert.DoesNotContain(id, _h.Nsi("list", "--recover").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_State_Json_Then_Delete_Force_Leaves_Nothing()
    {
        string id = NsinitHarness.NewId();
        _ids.Add(id);
        var spec = _h.DefaultSpec("/bin/sleep", "600");
        var c = _h.Nsi("create", "--bundle", _h.Bundle(spec), id);
        Assert.True(c.ExitCode == 0, c.ToString());
        File.WriteAllText(Path.Combine(_h.Root, id, "state.json"), "{ truncated by a full disk");

        Assert.Contains(id, _h.Nsi("list", "--recover", "-q").Stdout, StringComparison.Ordinal);
        var d = _h.Nsi("delete", "--force", id);
        Assert.True(d.ExitCode == 0, d.ToString());
        _h.AssertNothingLeft(id, spec.Linux!.CgroupsPath!);
    }

    [Fact]
    public void Gc_Removes_Marked_Orphans_And_Leaves_An_Unmarked_Cgroup()
    {
        var (orphan, orphanCgroup) = CreateThenLoseState("cgroup"); // a marked cgroup with no process and no state
        string stale = NsinitHarness.NewId(); // a state directory a killed create left without state.json
        _ids.Add(stale);
        var k = NsinitHarness.RunProcess("/usr/bin/env", new[] { "LIBCONTAINER_TEST_KILL_AT=state-dir", _h.Nsinit, "--root", _h.Root,
            "create", "--bundle", _h.Bundle(_h.DefaultSpec("/bin/true")), stale });
        Assert.True(k.ExitCode == 128 + 9, k.ToString());
        string unmarked = _h.CgroupParent + "/not-ours";
        var unmarkedDirs = Hierarchies().Select(h => h + unmarked).ToList();
        foreach (var dir in unmarkedDirs) Directory.CreateDirectory(dir);

        var dry = _h.Nsi("gc", "--dry-run", "--format", "json");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        var planned = JsonDocument.Parse(dry.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Contains(planned, e => e.GetProperty("kind").GetString() == "cgroup" && e.GetProperty("path").GetString() == orphanCgroup
            && !e.GetProperty("removed").GetBoolean());
        Assert.Contains(planned, e => e.GetProperty("kind").GetString() == "state" && e.GetProperty("id").GetString() == stale);
        Assert.DoesNotContain(planned, e => e.GetProperty("path").GetString()!.Contains("not-ours", StringComparison.Ordinal));
        Assert.Contains(Hierarchies(), h => Directory.Exists(h + orphanCgroup)); // a dry run removes nothing
        Assert.True(Directory.Exists(Path.Combine(_h.Root, stale)));

        var gc = _h.Nsi("gc");
        Assert.True(gc.ExitCode == 0, gc.ToString());
        Assert.Contains($"removed cgroup {orphanCgroup} (container {orphan})", gc.Stdout, StringComparison.Ordinal);
        Assert.Contains($"removed state {Path.Combine(_h.Root, stale)} (container {stale})", gc.Stdout, StringComparison.Ordinal);
        _h.AssertNothingLeft(orphan, orphanCgroup);
        Assert.False(Directory.Exists(Path.Combine(_h.Root, stale)), "stale state dir left");
        Assert.All(unmarkedDirs, dir => Assert.True(Directory.Exists(dir), dir + " (not marked as ours) was removed"));
        var again = _h.Nsi("gc", "--format", "json");
        Assert.True(again.ExitCode == 0 && !again.Stdout.Contains(_h.CgroupParent, StringComparison.Ordinal), again.ToString());
    }

    /// <summary>A container whose create was SIGKILLed at <paramref name="point"/> ("started": created and started
    /// normally), then its state directory deleted (a wiped /run).</summary>
    private (string Id, string Cgroup) CreateThenLoseState(string point)
    {
        string id = NsinitHarness.NewId();
        _ids.Add(id);
        var spec = _h.DefaultSpec("/bin/sleep", "600");
        var bundle = _h.Bundle(spec);
        if (point == "started")
        {
            var c = _h.Nsi("create", "--bundle", bundle, id);
            Assert.True(c.ExitCode == 0, c.ToString());
            var s = _h.Nsi("start", id);
            Assert.True(s.ExitCode == 0, s.ToString());
        }
        else
        {
            var r = NsinitHarness.RunProcess("/usr/bin/env", new[] { "LIBCONTAINER_TEST_KILL_AT=" + point, _h.Nsinit, "--root", _h.Root,
                "create", "--bundle", bundle, id });
            Assert.True(r.ExitCode == 128 + 9, $"create was not killed at '{point}': {r}");
        }
        Directory.Delete(Path.Combine(_h.Root, id), recursive: true);
        return (id, spec.Linux!.CgroupsPath!);
    }

    private static IEnumerable<string> Hierarchies() => Directory.GetDirectories("/sys/fs/cgroup").Append("/sys/fs/cgroup")
        .Where(h => File.Exists(Path.Combine(h, "cgroup.procs")));
}
