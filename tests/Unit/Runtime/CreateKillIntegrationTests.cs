using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>`create` SIGKILLed at each named point of its path (LIBCONTAINER_TEST_KILL_AT, see docs/runtime.md):
/// `delete --force` then removes everything, because create records what it makes before it makes it.</summary>
[Trait("Category", "Integration")]
public sealed class CreateKillIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    public static TheoryData<string> Points => new()
    {
        "state-dir", "recorded", "cgroup", "cloned", "pid-recorded", "go", "ready", "saved",
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Delete_Force_After_Sigkill_Of_Create_Leaves_Nothing(string point)
    {
        string id = NsinitHarness.NewId();
        var spec = _h.DefaultSpec("/bin/sleep", "600");
        string cgroup = spec.Linux!.CgroupsPath!;
        var bundle = _h.Bundle(spec);
        var r = NsinitHarness.RunProcess("/usr/bin/env", new[] { "LIBCONTAINER_TEST_KILL_AT=" + point, _h.Nsinit, "--root", _h.Root,
            "create", "--bundle", bundle, id });
        Assert.True(r.ExitCode == 128 + 9, $"create was not killed at '{point}': {r}");

        var d = _h.Nsi("delete", "--force", id);
        Assert.True(d.ExitCode == 0, d.ToString());
        Assert.False(Directory.Exists(Path.Combine(_h.Root, id)), "state dir left");
        var dirs = Directory.GetDirectories("/sys/fs/cgroup").Append("/sys/fs/cgroup")
            .Select(h => h + cgroup).Where(Directory.Exists).ToList();
        Assert.True(dirs.Count == 0, "cgroups left: " + string.Join(", ", dirs));
        // init (before exec, a copy of nsinit whose command line names the id) and anything it started
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
}
