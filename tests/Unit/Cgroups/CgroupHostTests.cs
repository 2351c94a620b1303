using LibContainer.Cgroups;
using Xunit;

namespace LibContainer.Tests.Cgroups;

public class CgroupHostTests
{
    [Fact]
    public void Hybrid_IsDetected_WithEveryV1HierarchyAndTheUnifiedOne()
    {
        using var tree = FakeCgroupTree.Hybrid();
        var host = tree.Detect();
        Assert.Equal(CgroupMode.Hybrid, host.Mode);
        Assert.Equal(new[] { "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids", "name=systemd" },
            host.V1Hierarchies.SelectMany(h => h.Controllers));
        Assert.Equal(tree.Sys("/sys/fs/cgroup/unified"), host.Unified!.MountPoint);
        Assert.True(host.V2Has("hugetlb"));
        Assert.False(host.V2Has("memory"));
        Assert.Equal("/process_api/abce3e0d08a6a901025d8ddc1d523b70", host.OwnCgroups["memory"]);
        Assert.Equal("/", host.OwnCgroups[""]);
    }

    [Fact]
    public void V1_WithCoMountedControllers()
    {
        using var tree = FakeCgroupTree.V1();
        var host = tree.Detect();
        Assert.Equal(CgroupMode.V1, host.Mode);
        Assert.Null(host.Unified);
        var cpu = host.V1For("cpuacct")!;
        Assert.Same(cpu, host.V1For("cpu"));
        Assert.Equal(tree.Sys("/sys/fs/cgroup/cpu,cpuacct"), cpu.MountPoint);
        Assert.NotNull(host.V1For("name=systemd"));
        Assert.NotNull(host.V1For("hugetlb"));
        Assert.Equal(host.V1For("net_cls"), host.V1For("net_prio"));
    }

    [Fact]
    public void V2_ReadsControllersFromTheRoot()
    {
        using var tree = FakeCgroupTree.V2();
        var host = tree.Detect();
        Assert.Equal(CgroupMode.V2, host.Mode);
        Assert.Empty(host.V1Hierarchies);
        Assert.True(host.V2Has("memory"));
        Assert.True(host.V2Has("io"));
        Assert.Equal("/user.slice/user-0.slice/session-1.scope", host.OwnCgroups[""]);
    }

    [Fact]
    public void MountInfo_EscapesAndOptionalFields()
    {
        var m = CgroupHost.ParseMountInfoLine(
            "40 31 0:37 / /sys/fs/cgroup/my\\040dir rw,relatime shared:5 master:1 - cgroup cgroup rw,xattr,name=systemd")!.Value;
        Assert.Equal("/sys/fs/cgroup/my dir", m.MountPoint);
        Assert.Equal("cgroup", m.FsType);
        Assert.Equal("rw,xattr,name=systemd", m.SuperOptions);
        Assert.Null(CgroupHost.ParseMountInfoLine("garbage"));
    }

    [Fact]
    public void NoCgroupMount_IsAClearError()
    {
        using var tree = new FakeCgroupTree("22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n", "");
        var ex = Assert.Throws<ContainerException>(() => tree.Detect());
        Assert.Contains("no cgroup hierarchy is mounted", ex.Message);
    }

    [Fact]
    public void Manager_Paths_CoverEveryHierarchy()
    {
        using var tree = FakeCgroupTree.Hybrid();
        var m = CgroupManagerFactory.Open("web", "web1", false, tree.Detect());
        Assert.Equal("/web", m.Path);
        Assert.Equal(tree.Sys("/sys/fs/cgroup/memory/web"), m.Paths["memory"]);
        Assert.Equal(tree.Sys("/sys/fs/cgroup/systemd/web"), m.Paths["name=systemd"]);
        Assert.Equal(tree.Sys("/sys/fs/cgroup/unified/web"), m.Paths["unified"]);
        Assert.Equal(10, m.Paths.Count);
    }
}
