using System.Text.Json;
using LibContainer.Tests.Runtime;
using Xunit;
using static LibContainer.Tests.CgroupsE2E.CgroupE2E;

namespace LibContainer.Tests.CgroupsE2E;

/// <summary>The seed's `nsinit pause`, `unpause` and `stats` in a directory holding container.json, without an id.</summary>
[Trait("Category", "Integration")]
[Collection("CgroupsE2E")]
public sealed class CgroupSeedE2ETests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private NsinitResult InDir(string dir, params string[] args)
    {
        var all = new List<string> { "-c", $"cd '{dir}' && exec \"$0\" \"$@\"", _h.Nsinit, "--root", _h.Root };
        all.AddRange(args);
        return NsinitHarness.RunProcess("/bin/sh", all.ToArray());
    }

    [Fact]
    public void Pause_Stats_Unpause_In_A_Seed_Directory()
    {
        // The seed's layout: the directory is the rootfs and holds container.json.
        string dir = Path.Combine(_h.TempDir("cgcli-seed-"), "box");
        Ok(NsinitHarness.RunProcess("/bin/cp", new[] { "-a", _h.Rootfs, dir }), "cp rootfs");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "sample_configs", "seed", "minimal.json"), Path.Combine(dir, "container.json"));

        using var seed = StreamingNsinit.InDirectory(_h, dir, "exec", "sleep", "600");
        string statePath = Path.Combine(dir, "state.json");
        Assert.True(WaitFor(() => File.Exists(statePath), 20000), "the seed's exec did not start: " + seed);
        string id = JsonDocument.Parse(File.ReadAllText(statePath)).RootElement.GetProperty("id").GetString()!;
        Assert.Equal("running", Status(_h, id));

        Ok(InDir(dir, "pause"), "pause");
        Assert.Equal("paused", Status(_h, id));
        var stats = InDir(dir, "stats");
        Ok(stats, "stats");
        Assert.Equal(id, JsonDocument.Parse(stats.Stdout).RootElement.GetProperty("id").GetString());
        Ok(InDir(dir, "unpause"), "unpause");
        Assert.Equal("running", Status(_h, id));

        string cgroupPath = Record(_h, id).GetProperty("cgroupsPath").GetString()!;
        Assert.NotEmpty(ExistingDirs(cgroupPath));
        Ok(_h.Nsi("delete", "--force", id), "delete");
        Assert.True(seed.WaitForExit(15000), "the seed's exec did not end with its container: " + seed);
        Assert.Empty(ExistingDirs(cgroupPath));
    }
}
