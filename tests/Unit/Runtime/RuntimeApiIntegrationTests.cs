using LibContainer.Config;
using LibContainer.Runtime;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>Core's ContainerFactory/Container from a JIT host (it spawns nsinit, never forks), a tiny memory limit,
/// and the seed's `nsinit exec` in a container.json directory.</summary>
[Trait("Category", "Integration")]
public sealed class RuntimeApiIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Factory_Create_Start_Join_Signal_Destroy()
    {
        var factory = new ContainerFactory(_h.Root, _h.Nsinit);
        string id = NsinitHarness.NewId();
        var c = factory.Create(id, _h.DefaultSpec("/bin/sleep", "60"));
        Assert.Equal(ContainerState.Created, c.Status);
        Assert.Equal(ContainerErrorKind.IdInUse, Assert.ThrowsAny<ContainerException>(() => factory.Create(id, _h.DefaultSpec("/bin/true"))).Kind); // an NsinitError, typed from the log
        c.Start();
        Assert.Equal(ContainerState.Running, c.Status);
        int pid = c.Start(new Process { Args = new() { "/bin/sleep", "30" }, Cwd = "/" });
        Assert.Contains(pid, c.Processes());
        Assert.Equal(2, c.Processes().Count);
        Assert.Contains(factory.List(), x => x.Id == id);
        c.Pause();
        Assert.Equal(ContainerState.Paused, c.Status);
        c.Resume();
        Assert.Equal(ContainerState.Running, c.Status);
        c.Destroy();
        Assert.Equal(ContainerErrorKind.NotFound, Assert.Throws<ContainerException>(() => factory.Load(id)).Kind);
        var bad = Assert.IsType<NsinitError>(Assert.ThrowsAny<ContainerException>(() => factory.Create(NsinitHarness.NewId(), _h.DefaultSpec("/bin/shh"))));
        Assert.Equal(ContainerErrorKind.InitFailed, bad.Kind);
        Assert.Equal("exec \"/bin/shh\": no such file or directory", bad.Message);
        Assert.Equal(Errno.ENOENT, bad.Errno); // from the log, not the words
    }

    [Fact]
    public void Container_With_512KiB_Memory_Limit_Runs_True()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Linux!.Namespaces!.RemoveAll(n => n.Type == "cgroup"); // a cgroup ns makes init join early
        spec.Linux.Resources = new LinuxResources { Memory = new LinuxMemory { Limit = 512 * 1024 } };
        var r = _h.Run(spec);
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    [Fact]
    public void Seed_Exec_In_A_Container_Json_Directory()
    {
        var dir = _h.TempDir("nsinit-seed-");
        var cp = NsinitHarness.RunProcess("/bin/cp", new[] { "-a", _h.Rootfs + "/.", dir });
        Assert.True(cp.ExitCode == 0, cp.ToString());
        var seed = Path.Combine(AppContext.BaseDirectory, "sample_configs", "seed", "minimal.json");
        Assert.True(File.Exists(seed), seed + " missing");
        File.Copy(seed, Path.Combine(dir, "container.json"));
        var r = NsinitHarness.RunProcess("/bin/sh", new[] { "-c", $"cd {dir} && exec {_h.Nsinit} --root {_h.Root} exec sh -c 'echo seed-$((6*7)); hostname'" });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("seed-42", r.Stdout);
        Assert.False(File.Exists(Path.Combine(dir, "state.json")));
        Assert.DoesNotContain(Directory.GetDirectories(_h.Root), d => !Path.GetFileName(d).StartsWith('.'));
    }
}
