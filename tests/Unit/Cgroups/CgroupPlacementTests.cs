using LibContainer.Cgroups;
using Xunit;

namespace LibContainer.Tests.Cgroups;

public class CgroupPlacementTests
{
    [Theory]
    [InlineData(null, "/nsinit/c1")]
    [InlineData("", "/nsinit/c1")]
    [InlineData("/machine/c1", "/machine/c1")]
    [InlineData("machine/c1", "/machine/c1")]
    [InlineData("//a//b/", "/a/b")]
    public void Resolve_AbsoluteRelativeEmpty(string? cgroupsPath, string expected)
    {
        using var tree = FakeCgroupTree.Hybrid();
        Assert.Equal(expected, CgroupPlacement.Resolve(cgroupsPath, "c1", false, tree.Detect()));
    }

    [Theory]
    [InlineData("/process_api/x")]
    [InlineData("/a/process_api")]
    [InlineData("/a/../b")]
    [InlineData("/")]
    public void Resolve_RefusesDangerousPaths(string path)
    {
        using var tree = FakeCgroupTree.Hybrid();
        Assert.Throws<ContainerException>(() => CgroupPlacement.Resolve(path, "c1", false, tree.Detect()));
    }

    [Fact]
    public void DenyList_IsOptIn_AndNamesTheVariable()
    {
        Assert.Empty(CgroupPlacement.ParseDenyList(null));
        Assert.Equal("/process_api/x", CgroupPlacement.Validate("/process_api/x", []));
        var denied = CgroupPlacement.ParseDenyList(" sup , other:third ");
        Assert.Equal(["sup", "other", "third"], denied);
        var ex = Assert.Throws<ContainerException>(() => CgroupPlacement.Validate("/a/other/c1", denied));
        Assert.Contains("\"other\"", ex.Message);
        Assert.Contains(CgroupPlacement.DenyListVariable, ex.Message);
        Assert.Equal("/a/others/c1", CgroupPlacement.Validate("/a/others/c1", denied));
    }

    [Fact]
    public void Systemd_WithoutSystemd_IsAClearError()
    {
        using var tree = FakeCgroupTree.Hybrid();
        var ex = Assert.Throws<ContainerException>(() => CgroupPlacement.Resolve("system.slice:docker:c1", "c1", false, tree.Detect()));
        Assert.Contains("systemd is not running", ex.Message);
        Assert.Contains("slice:prefix:name", ex.Message);
        ex = Assert.Throws<ContainerException>(() => CgroupPlacement.Resolve(null, "c1", true, tree.Detect()));
        Assert.Contains("--systemd-cgroup", ex.Message);
    }

    [Fact]
    public void Systemd_WhenRunning_ExpandsSlices()
    {
        using var tree = FakeCgroupTree.Hybrid();
        Directory.CreateDirectory(Path.Combine(tree.Root, "run/systemd/system"));
        File.WriteAllText(Path.Combine(tree.Root, "proc/1/comm"), "systemd\n");
        var host = tree.Detect();
        Assert.Equal("/system.slice/docker-c1.scope", CgroupPlacement.Resolve("system.slice:docker:c1", "c1", false, host));
        Assert.Equal("/machine.slice/machine-web.slice/libpod-c1.scope", CgroupPlacement.Resolve("machine-web.slice:libpod:c1", "c1", true, host));
        Assert.Equal("/system.slice/nsinit-c1.scope", CgroupPlacement.Resolve(null, "c1", true, host));
    }

    [Fact]
    public void Systemd_PidOneMustBeSystemd()
    {
        using var tree = FakeCgroupTree.Hybrid();
        Directory.CreateDirectory(Path.Combine(tree.Root, "run/systemd/system"));
        var ex = Assert.Throws<ContainerException>(() => CgroupPlacement.Resolve(null, "c1", true, tree.Detect()));
        Assert.Contains("pid 1 is \"init\"", ex.Message);
    }
}
