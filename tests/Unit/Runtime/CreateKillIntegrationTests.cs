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
        _h.AssertNothingLeft(id, cgroup);
    }
}
