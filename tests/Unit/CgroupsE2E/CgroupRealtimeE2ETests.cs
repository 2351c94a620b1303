using LibContainer.Config;
using LibContainer.Tests.Runtime;
using Xunit;
using static LibContainer.Tests.CgroupsE2E.CgroupE2E;

namespace LibContainer.Tests.CgroupsE2E;

/// <summary>A fact that is skipped, with the reason, on a kernel without realtime group scheduling
/// (CONFIG_RT_GROUP_SCHED: the v1 cpu hierarchy has no cpu.rt_runtime_us) or without a v1 cpu hierarchy.</summary>
public sealed class RtGroupSchedFactAttribute : FactAttribute
{
    public RtGroupSchedFactAttribute()
    {
        string? mount;
        try { mount = V1Mount("cpu"); }
        catch (InvalidOperationException) { Skip = "no v1 cpu hierarchy on this host (cgroup v2 has no realtime group files)"; return; }
        if (!File.Exists(Path.Combine(mount, "cpu.rt_runtime_us")))
            Skip = $"the kernel has no CONFIG_RT_GROUP_SCHED: {mount}/cpu.rt_runtime_us does not exist";
    }
}

/// <summary>linux.resources.cpu.realtimeRuntime/realtimePeriod: a new cgroup has no RT budget and the kernel refuses a
/// child budget above its parent's, so the runtime hands its own parents (/nsinit) a budget first.</summary>
[Trait("Category", "Integration")]
[Collection("CgroupsE2E")]
public sealed class CgroupRealtimeE2ETests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    [RtGroupSchedFact]
    public void A_Container_With_A_Realtime_Runtime_Runs_And_Update_Changes_It()
    {
        var spec = _h.DefaultSpec("/bin/sleep", "600");
        spec.Resources().Cpu = new LinuxCpu { RealtimeRuntime = 10000, RealtimePeriod = 1000000 };
        string id = RunDetached(_h, spec);
        string path = _h.CgroupOf(id);
        Assert.Equal("running", Status(_h, id));
        Assert.Equal("10000", Read("cpu", path, "cpu.rt_runtime_us"));
        Assert.Equal("1000000", Read("cpu", path, "cpu.rt_period_us"));
        Assert.NotEqual("0", Read("cpu", "/nsinit", "cpu.rt_runtime_us"));

        Ok(_h.Nsi("update", "--cpu-rt-runtime", "20000", id), "update --cpu-rt-runtime");
        Assert.Equal("20000", Read("cpu", path, "cpu.rt_runtime_us"));
        Ok(_h.Nsi("update", "--cpu-rt-period", "500000", "--cpu-rt-runtime", "5000", id), "update --cpu-rt-period --cpu-rt-runtime");
        Assert.Equal("500000", Read("cpu", path, "cpu.rt_period_us"));
        Assert.Equal("5000", Read("cpu", path, "cpu.rt_runtime_us"));

        Ok(_h.Nsi("delete", "--force", id), "delete");
        Assert.Empty(ExistingDirs(path));
    }

    [RtGroupSchedFact]
    public void Update_Cpu_Rt_Runtime_Works_On_A_Container_Created_Without_One()
    {
        string id = RunDetached(_h, _h.DefaultSpec("/bin/sleep", "600"));
        string path = _h.CgroupOf(id);
        Assert.Equal("0", Read("cpu", path, "cpu.rt_runtime_us"));

        Ok(_h.Nsi("update", "--cpu-rt-runtime", "15000", id), "update --cpu-rt-runtime");
        Assert.Equal("15000", Read("cpu", path, "cpu.rt_runtime_us"));
        var cpu = Record(_h, id).GetProperty("config").GetProperty("linux").GetProperty("resources").GetProperty("cpu");
        Assert.Equal(15000, cpu.GetProperty("realtimeRuntime").GetInt64());

        Ok(_h.Nsi("delete", "--force", id), "delete");
        Assert.Empty(ExistingDirs(path));
    }

    [RtGroupSchedFact]
    public void A_Runtime_Above_The_Period_Is_A_Clear_Error()
    {
        string id = RunDetached(_h, _h.DefaultSpec("/bin/sleep", "600"));
        var r = _h.Nsi("update", "--cpu-rt-period", "100000", "--cpu-rt-runtime", "200000", id);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("cpu.rt_", r.Stderr);
        Assert.Contains("EINVAL", r.Stderr);
        Ok(_h.Nsi("delete", "--force", id), "delete");
    }
}
