using LibContainer.Config;
using LibContainer.Config.Codec;
using Xunit;

namespace LibContainer.Tests.Config;

/// <summary>Engine zeros ("not set", runc 1.1's rule) are cleared where a config or an update is read.</summary>
public class UnsetResourceValuesTests
{
    // What dockerd 20.10 writes for `docker run` without limits and for `docker update --memory 64m`.
    const string DockerZeros = """
        {"memory":{"limit":0,"reservation":0,"swap":0,"kernel":0,"kernelTCP":0,"disableOOMKiller":false},
         "cpu":{"shares":0,"quota":0,"period":0,"realtimeRuntime":0,"realtimePeriod":0,"cpus":"","mems":""},
         "pids":{"limit":0},
         "blockIO":{"weight":0,"leafWeight":0,"weightDevice":[{"major":8,"minor":0,"weight":0,"leafWeight":0}]},
         "network":{"classID":0}}
        """;

    [Fact]
    public void Every_engine_zero_becomes_unset()
    {
        var res = SpecReader.ReadLinuxResources(DockerZeros)!;
        UnsetResourceValues.Clear(res);
        Assert.Equal("""{"memory":{"disableOOMKiller":false},"cpu":{},"blockIO":{"weightDevice":[{"major":8,"minor":0}]},"network":{}}""",
            SpecWriter.ToJson(res, SpecWriter.Write, default));
    }

    [Fact]
    public void Values_runc_writes_are_kept()
    {
        const string json = """
            {"memory":{"limit":-1,"swappiness":0,"disableOOMKiller":true},"cpu":{"shares":2,"quota":-1,"burst":0,"idle":0},
             "pids":{"limit":-1},"blockIO":{"weight":10,"throttleReadBpsDevice":[{"major":8,"minor":0,"rate":0}]},
             "hugepageLimits":[{"pageSize":"2MB","limit":0}]}
            """;
        var res = SpecReader.ReadLinuxResources(json)!;
        string before = SpecWriter.ToJson(res, SpecWriter.Write, default);
        UnsetResourceValues.Clear(res);
        Assert.Equal(before, SpecWriter.ToJson(res, SpecWriter.Write, default));
    }

    [Fact]
    public void A_config_with_engine_zeros_loads_and_validates()
    {
        string json = """
            {"ociVersion":"1.0.2","process":{"user":{"uid":0,"gid":0},"args":["true"],"cwd":"/"},"root":{"path":"rootfs"},
             "linux":{"resources":
            """ + DockerZeros + "}}";
        Spec spec = ConfigLoader.Parse(json);
        Assert.Null(spec.Linux!.Resources!.BlockIO!.Weight);
        Assert.Null(spec.Linux.Resources.Pids);
        Assert.Null(spec.Linux.Resources.Cpu!.Shares);
    }
}
