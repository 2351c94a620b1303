using LibContainer.Cgroups;
using Xunit;

namespace LibContainer.Tests.Cgroups;

[Trait("Category", "Integration")]
public class CgroupLifecycleIntegrationTests
{
    [Fact]
    public void Create_Apply_Destroy_OnEveryHierarchy()
    {
        using var scope = new CgroupTestScope();
        var m = scope.Manager;
        m.Create();
        foreach (var dir in m.Paths.Values.Distinct()) Assert.True(Directory.Exists(dir), dir);
        Assert.Contains("name=systemd", m.Paths.Keys);
        if (scope.Host.Unified is not null) Assert.Contains("unified", m.Paths.Keys);
        Assert.DoesNotContain(m.Paths.Values, p => p.Contains("process_api"));

        var child = scope.Start("/bin/sleep", "30");
        m.Apply(child.Id);
        Assert.Equal(new[] { child.Id }, m.GetPids());
        foreach (var dir in m.Paths.Values.Distinct())
            Assert.Contains(child.Id.ToString(), File.ReadAllText(Path.Combine(dir, "cgroup.procs")));

        m.Destroy();
        Assert.True(child.WaitForExit(5000));
        foreach (var dir in m.Paths.Values.Distinct()) Assert.False(Directory.Exists(dir), dir);
    }

    [Fact]
    public void Create_RefusesCgroupThatHasProcesses()
    {
        using var scope = new CgroupTestScope();
        scope.Manager.Create();
        var child = scope.Start("/bin/sleep", "30");
        scope.Manager.Apply(child.Id);
        // Even for the same id (a stale cgroup with live processes) Create refuses.
        var other = CgroupManagerFactory.Open(scope.Path, scope.Id, false, scope.Host);
        var ex = Assert.Throws<ContainerException>(other.Create);
        Assert.Contains($"cgroup {scope.Path} already has processes: pid {child.Id}", ex.Message);
        Assert.Contains("two containers cannot share a cgroup", ex.Message);
    }

    [Fact]
    public void Create_And_Destroy_RefuseACgroupAnotherContainerCreated()
    {
        using var scope = new CgroupTestScope();
        scope.Manager.Create(); // no processes yet: only the owner marker tells
        var other = CgroupManagerFactory.Open(scope.Path, scope.Id + "b", false, scope.Host);
        var ex = Assert.Throws<ContainerException>(other.Create);
        Assert.Contains($"belongs to container \"{scope.Id}\"", ex.Message);
        Assert.Throws<ContainerException>(other.Destroy);
        Assert.True(scope.Manager.Exists);
    }

    [Fact]
    public void Destroy_FromAnotherManager_RemovesOnlyWhatWasCreated()
    {
        using var scope = new CgroupTestScope(cgroupsPath: null);
        var parent = $"/nsinit-test-pre-{scope.Id}";
        var pre = CgroupManagerFactory.Open(parent, scope.Id + "pre", false, scope.Host);
        // A pre-existing (not ours) cgroup: made by hand, so it carries no owner marker.
        foreach (var dir in pre.Paths.Values.Distinct()) Directory.CreateDirectory(dir);
        try
        {
            var m = CgroupManagerFactory.Open(parent, scope.Id, false, scope.Host);
            m.Create();
            // A later process (e.g. `delete`) opens the same path afresh.
            CgroupManagerFactory.Open(parent, scope.Id, false, scope.Host).Destroy();
            foreach (var dir in pre.Paths.Values.Distinct()) Assert.True(Directory.Exists(dir), dir + " was removed although it pre-existed");

            var mine = CgroupManagerFactory.Open(parent + "/child", scope.Id, false, scope.Host);
            mine.Create();
            CgroupManagerFactory.Open(parent + "/child", scope.Id, false, scope.Host).Destroy();
            foreach (var dir in mine.Paths.Values.Distinct()) Assert.False(Directory.Exists(dir), dir);
        }
        finally
        {
            foreach (var dir in pre.Paths.Values.Distinct()) if (Directory.Exists(dir)) Directory.Delete(dir);
        }
    }

    [Fact]
    public void DefaultPath_IsAtHierarchyRoot_NotBelowOwnCgroup()
    {
        var m = CgroupManagerFactory.Open(null, "abc", false, CgroupHost.Current);
        Assert.Equal("/nsinit/abc", m.Path);
        if (m.Paths.TryGetValue("memory", out var mem)) Assert.Equal("/sys/fs/cgroup/memory/nsinit/abc", mem);
    }

    [Fact]
    public void Systemd_FailsClearly_WhenSystemdIsNotRunning()
    {
        if (File.Exists("/run/systemd/system") || Directory.Exists("/run/systemd/system")) return;
        var ex = Assert.Throws<ContainerException>(() => CgroupManagerFactory.Open(null, "abc", systemd: true));
        Assert.Contains("systemd is not running", ex.Message);
        ex = Assert.Throws<ContainerException>(() => CgroupManagerFactory.Open("system.slice:nsinit:abc", "abc"));
        Assert.Contains("systemd is not running", ex.Message);
    }
}
