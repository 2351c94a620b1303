using LibContainer.Cgroups;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Cgroups;

/// <summary>A hugetlb limit on a hybrid host (hugetlb only on the cgroup2 side) turns hugetlb on in the cgroup2
/// root's subtree_control; the runtime gives it back when the last container that needed it goes. On a fake tree:
/// the real root's subtree_control is the machine's.</summary>
public sealed class ControllerGiveBackTests
{
    private static readonly LinuxResources Hugetlb = new() { HugepageLimits = new() { new LinuxHugepageLimit { PageSize = "2MB", Limit = 4 << 20 } } };

    // A fake cgroup directory holds plain files: empty it so rmdir works as on cgroupfs.
    private static void Destroy(ICgroupManager m)
    {
        foreach (var dir in m.Paths.Values)
            if (Directory.Exists(dir))
                foreach (var f in Directory.GetFiles(dir)) File.Delete(f);
        m.Destroy();
    }

    [Fact]
    public void Hugetlb_Is_Given_Back_When_The_Last_Container_Needing_It_Goes()
    {
        using var tree = FakeCgroupTree.Hybrid();
        var host = tree.Detect();
        var rootControl = Path.Combine(host.Unified!.MountPoint, "cgroup.subtree_control");
        var a = CgroupManagerFactory.Open("/a", "a", false, host);
        var b = CgroupManagerFactory.Open("/b", "b", false, host);
        a.Create();
        b.Create();
        File.WriteAllText(Path.Combine(a.Paths["unified"], "hugetlb.2MB.max"), "max");
        File.WriteAllText(Path.Combine(b.Paths["unified"], "hugetlb.2MB.max"), "max");
        a.Set(Hugetlb);
        Assert.Equal("+hugetlb", File.ReadAllText(rootControl)); // the fake file keeps the last write
        b.Set(Hugetlb);

        Destroy(a);
        Assert.Equal("+hugetlb", File.ReadAllText(rootControl)); // b still needs it
        Destroy(b);
        Assert.Equal("-hugetlb", File.ReadAllText(rootControl));
    }

    [Fact]
    public void A_Controller_The_Runtime_Did_Not_Enable_Is_Left_Alone()
    {
        using var tree = FakeCgroupTree.Hybrid();
        var host = tree.Detect();
        var rootControl = Path.Combine(host.Unified!.MountPoint, "cgroup.subtree_control");
        File.WriteAllText(rootControl, "hugetlb");
        var a = CgroupManagerFactory.Open("/a", "a", false, host);
        a.Create();
        File.WriteAllText(Path.Combine(a.Paths["unified"], "hugetlb.2MB.max"), "max");
        a.Set(Hugetlb);
        Destroy(a);
        Assert.Equal("hugetlb", File.ReadAllText(rootControl));
    }
}
