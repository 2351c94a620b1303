using LibContainer.Cgroups;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Cgroups;

/// <summary>The cgroup2 core files on this machine's unified mount, through a v2-only view of the host.</summary>
[Trait("Category", "Integration")]
public class CgroupV2IntegrationTests
{
    private static CgroupHost V2Host()
    {
        Assert.True(CgroupHost.Current.Unified is not null, "this host has no cgroup2 mount");
        return CgroupHost.Current.UnifiedOnly();
    }

    [Fact]
    public void CoreFiles_Procs_Freeze_Kill_Events()
    {
        using var scope = new CgroupTestScope(V2Host());
        var m = scope.Manager;
        Assert.Equal(CgroupMode.V2, m.Mode);
        m.Create();
        var dir = m.Paths["unified"];
        var a = scope.Start("/bin/sleep", "30");
        var b = scope.Start("/bin/sleep", "30");
        m.Apply(a.Id);
        m.Apply(b.Id);
        Assert.Equal(new[] { a.Id, b.Id }.OrderBy(x => x), m.GetPids());
        Assert.Contains("populated 1", File.ReadAllText(Path.Combine(dir, "cgroup.events")));

        m.Freeze();
        Assert.True(m.IsFrozen);
        Assert.Contains("frozen 1", File.ReadAllText(Path.Combine(dir, "cgroup.events")));
        m.Thaw();
        Assert.False(m.IsFrozen);
        Assert.Contains("frozen 0", File.ReadAllText(Path.Combine(dir, "cgroup.events")));

        m.KillAll(9); // cgroup.kill
        Assert.True(a.WaitForExit(5000));
        Assert.True(b.WaitForExit(5000));
        m.Destroy();
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void DeviceProgram_IsLoaded_Attached_Replaced_AndEnforced()
    {
        using var scope = new CgroupTestScope(V2Host());
        var m = scope.Manager;
        m.Create();
        var dir = m.Paths["unified"];
        var rules = new List<LinuxDeviceCgroup>
        {
            new() { Allow = false, Access = "rwm" },
            new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" }, // /dev/null
        };
        m.Set(new LinuxResources { Devices = rules });
        Assert.Single(DeviceBpfLoader.AttachedPrograms(dir));
        m.Set(new LinuxResources { Devices = rules }); // update replaces, does not stack
        Assert.Single(DeviceBpfLoader.AttachedPrograms(dir));

        var sh = scope.Start("/bin/sh", "-c",
            "sleep 0.3; if : </dev/null; then echo null-ok; fi; if head -c1 /dev/zero >/dev/null 2>&1; then echo zero-ok; else echo zero-denied; fi");
        m.Apply(sh.Id);
        var output = sh.StandardOutput.ReadToEnd();
        Assert.True(sh.WaitForExit(10000));
        Assert.Contains("null-ok", output);
        Assert.Contains("zero-denied", output);
    }

    [Fact]
    public void Hugetlb_OnTheUnifiedSide_OfAHybridHost()
    {
        var host = CgroupHost.Current;
        if (host.Mode != CgroupMode.Hybrid || host.V1For("hugetlb") is not null || !host.V2Has("hugetlb")) return;
        var rootControl = Path.Combine(host.Unified!.MountPoint, "cgroup.subtree_control");
        bool wasEnabled = File.ReadAllText(rootControl).Split(' ', '\n').Contains("hugetlb");
        try
        {
            using var scope = new CgroupTestScope();
            scope.Manager.Create();
            scope.Manager.Set(new LinuxResources { HugepageLimits = new() { new LinuxHugepageLimit { PageSize = "2MB", Limit = 4 * 1024 * 1024 } } });
            Assert.Equal("4194304", File.ReadAllText(Path.Combine(scope.Manager.Paths["unified"], "hugetlb.2MB.max")).Trim());
            var stats = scope.Manager.GetStats();
            Assert.Contains(stats.Hugetlb, h => h.PageSize == "2MB" && h.Limit == 4194304);
            scope.Manager.Destroy();
            if (!wasEnabled) Assert.DoesNotContain("hugetlb", File.ReadAllText(rootControl).Split(' ', '\n')); // given back
        }
        finally
        {
            if (!wasEnabled) File.WriteAllText(rootControl, "-hugetlb");
        }
    }
}
