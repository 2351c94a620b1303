using LibContainer.Cgroups;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Cgroups;

/// <summary>cpu.rt_* on a v1 temp tree: the parents the runtime created get the nearest ancestor's RT budget
/// (top-down) before the container's values are written; other parents are never written.</summary>
public class V1RealtimeTests
{
    private const string Cpu = "/sys/fs/cgroup/cpu,cpuacct";

    private static string MakeRt(FakeCgroupTree tree, string cgroup, string runtime, string period = "1000000") =>
        tree.MakeCgroup(Cpu + cgroup, ("cpu.rt_runtime_us", runtime + "\n"), ("cpu.rt_period_us", period + "\n"), ("cpu.shares", "1024\n"));

    [Fact]
    public void Parents_The_Runtime_Made_Get_The_Ancestors_Budget_Top_Down()
    {
        using var tree = FakeCgroupTree.V1();
        MakeRt(tree, "", "950000");
        var outer = MakeRt(tree, "/nsinit", "0");
        var inner = MakeRt(tree, "/nsinit/group", "0");
        MakeRt(tree, "/nsinit/group/c1", "0");
        Assert.True(CgroupFile.SetMarker(outer, CgroupManager.ParentXattr, "1"));
        Assert.True(CgroupFile.SetMarker(inner, CgroupManager.ParentXattr, "1"));
        var m = CgroupManagerFactory.Open("/nsinit/group/c1", "c1", false, tree.Detect());

        m.Set(new LinuxResources { Cpu = new LinuxCpu { RealtimeRuntime = 10000, RealtimePeriod = 500000 } });

        Assert.Equal("950000", tree.Read(Cpu + "/nsinit/cpu.rt_runtime_us"));
        Assert.Equal("1000000", tree.Read(Cpu + "/nsinit/cpu.rt_period_us"));
        Assert.Equal("950000", tree.Read(Cpu + "/nsinit/group/cpu.rt_runtime_us"));
        Assert.Equal("10000", tree.Read(Cpu + "/nsinit/group/c1/cpu.rt_runtime_us"));
        Assert.Equal("500000", tree.Read(Cpu + "/nsinit/group/c1/cpu.rt_period_us"));
    }

    [Fact]
    public void Parents_Not_Created_By_The_Runtime_Are_Never_Written_And_Process_Api_Is_Refused()
    {
        using var tree = FakeCgroupTree.V1();
        MakeRt(tree, "", "950000");
        MakeRt(tree, "/host", "0"); // no marker: the host's own
        MakeRt(tree, "/host/c1", "0");

        CgroupManagerFactory.Open("/host/c1", "c1", false, tree.Detect()).Set(new LinuxResources { Cpu = new LinuxCpu { RealtimeRuntime = 1000 } });

        Assert.Equal("0", tree.Read(Cpu + "/host/cpu.rt_runtime_us"));
        Assert.Equal("1000", tree.Read(Cpu + "/host/c1/cpu.rt_runtime_us")); // a plain file takes it; the kernel would refuse
        Assert.Throws<ContainerException>(() => CgroupManagerFactory.Open("/process_api/c2", "c2", false, tree.Detect()));
    }

    [Fact]
    public void A_Parent_That_Already_Has_A_Budget_Keeps_It()
    {
        using var tree = FakeCgroupTree.V1();
        MakeRt(tree, "", "950000");
        var outer = MakeRt(tree, "/nsinit", "200000");
        Assert.True(CgroupFile.SetMarker(outer, CgroupManager.ParentXattr, "1"));
        MakeRt(tree, "/nsinit/c1", "0");

        CgroupManagerFactory.Open("/nsinit/c1", "c1", false, tree.Detect()).Set(new LinuxResources { Cpu = new LinuxCpu { RealtimeRuntime = 5000 } });

        Assert.Equal("200000", tree.Read(Cpu + "/nsinit/cpu.rt_runtime_us"));
        Assert.Equal("5000", tree.Read(Cpu + "/nsinit/c1/cpu.rt_runtime_us"));
    }

    [Fact]
    public void Without_Realtime_Values_Nothing_Is_Touched()
    {
        using var tree = FakeCgroupTree.V1();
        MakeRt(tree, "", "950000");
        var outer = MakeRt(tree, "/nsinit", "0");
        Assert.True(CgroupFile.SetMarker(outer, CgroupManager.ParentXattr, "1"));
        MakeRt(tree, "/nsinit/c1", "0");

        CgroupManagerFactory.Open("/nsinit/c1", "c1", false, tree.Detect()).Set(new LinuxResources { Cpu = new LinuxCpu { Shares = 512 } });

        Assert.Equal("0", tree.Read(Cpu + "/nsinit/cpu.rt_runtime_us"));
        Assert.Equal("512", tree.Read(Cpu + "/nsinit/c1/cpu.shares"));
    }
}
