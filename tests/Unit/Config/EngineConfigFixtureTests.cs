using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Config;

/// <summary>The config.json files podman 4.3, containerd 1.6 (ctr) and dockerd 20.10 wrote for nsinit, captured from
/// their bundles (Fixtures/engines, see docs/engines.md), load and validate as they are.</summary>
public class EngineConfigFixtureTests
{
    static Spec Load(string name) => ConfigLoader.Load(CodecCorpus.Fixture(Path.Combine("engines", name)));

    [Fact]
    public void Dockerd_run_zeros_are_unset()
    {
        Spec spec = Load("dockerd-20.10-run.json");
        var res = spec.Linux!.Resources!;
        Assert.Null(res.BlockIO!.Weight); // written as 0: "out of range (10..1000)" before
        Assert.Null(res.Cpu!.Shares);
        Assert.Equal(8, res.Devices!.Count);
    }

    [Fact]
    public void Podman_privileged_device_modes_carry_file_type_bits_and_validate()
    {
        Spec spec = Load("podman-4.3-privileged.json");
        var fuse = Assert.Single(spec.Linux!.Devices!, d => d.Path == "/dev/fuse");
        Assert.Equal(8576u, fuse.FileMode); // S_IFCHR | 0600, kept; mknod gets 0600
        Assert.All(spec.Linux.Devices!, d => Assert.True(d.FileMode is null or > 0xFFF));
        Assert.Equal(2048, spec.Linux.Resources!.Pids!.Limit);
    }

    [Fact]
    public void Ctr_run_memory_limit_is_kept()
    {
        Spec spec = Load("containerd-1.6-ctr-run.json");
        Assert.Equal(67108864, spec.Linux!.Resources!.Memory!.Limit);
        Assert.Equal(1024ul, spec.Linux.Resources.Cpu!.Shares);
        Assert.Equal("/lctest-ctd/c2", spec.Linux.CgroupsPath);
    }
}
