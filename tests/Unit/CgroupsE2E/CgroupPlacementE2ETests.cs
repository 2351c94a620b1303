using LibContainer.Tests.Runtime;
using Xunit;
using static LibContainer.Tests.CgroupsE2E.CgroupE2E;

namespace LibContainer.Tests.CgroupsE2E;

/// <summary>Where nsinit puts a container: every v1 hierarchy (name=systemd included) and the unified one, at the
/// cgroupsPath it was given; delete removes every directory; two containers never share a cgroup.</summary>
[Trait("Category", "Integration")]
[Collection("CgroupsE2E")]
public sealed class CgroupPlacementE2ETests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData("absolute")]
    [InlineData("relative")]
    [InlineData("empty")]
    public void Container_Lands_In_Every_Hierarchy_At_Its_Path_And_Delete_Removes_Them(string kind)
    {
        string id = NsinitHarness.NewId();
        string top = TestRun.CgroupPrefix + "cgcli-" + id;
        var (given, expected) = kind switch
        {
            "absolute" => ($"/{top}/c", $"/{top}/c"),
            "relative" => ($"{top}/c", $"/{top}/c"),
            _ => ("", $"/nsinit/{id}"),
        };
        var spec = _h.DefaultSpec("/bin/sleep", "600");
        spec.Linux!.CgroupsPath = given;
        var before = MountedHierarchies(); // (other sessions on this host mount and unmount e.g. a v1 hugetlb)
        RunDetached(_h, spec, id);
        int pid = Pid(_h, id);

        var mounted = MountedHierarchies();
        mounted.IntersectWith(before);
        Assert.Contains("name=systemd", mounted);
        Assert.Contains("memory", mounted);
        var lines = CgroupsOf(pid).Where(l => mounted.Contains(string.Join(',', l.Controllers.Split(',').Order(StringComparer.Ordinal)))).ToList();
        Assert.Equal(mounted.Count, lines.Count);
        foreach (var (controllers, path) in lines)
            Assert.True(path == expected, $"hierarchy '{controllers}': {path}, expected {expected}");
        Assert.True(ExistingDirs(expected).Count >= mounted.Count);
        Assert.Equal(new[] { pid }, _h.Nsi("ps", "--format", "json", id).Stdout.Trim('[', ']', '\n').Split(',').Select(int.Parse));

        Ok(_h.Nsi("delete", "--force", id), "delete --force");
        Assert.Empty(ExistingDirs(expected));
        if (kind != "empty") Assert.Empty(ExistingDirs("/" + top)); // the parent it made goes too
    }

    [Fact]
    public void Second_Container_On_The_Same_Path_Is_Refused_And_The_First_Keeps_Running()
    {
        string path = "/" + TestRun.CgroupPrefix + "shared-" + NsinitHarness.NewId();
        var spec = _h.DefaultSpec("/bin/sleep", "600");
        spec.Linux!.CgroupsPath = path;
        string first = RunDetached(_h, spec);

        string second = NsinitHarness.NewId();
        var r = _h.Nsi("run", "--detach", "--bundle", _h.Bundle(spec), second);
        Assert.True(r.ExitCode != 0, r.ToString());
        Assert.Contains("two containers cannot share a cgroup", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_h.Root, second)));

        Assert.Equal("running", Status(_h, first));
        Assert.True(Directory.Exists(Path.Combine(V1Mount("memory"), path.TrimStart('/'))), "the first container's cgroup is gone");
        Ok(_h.Nsi("delete", "--force", first), "delete");
        Assert.Empty(ExistingDirs(path));
    }

    /// <summary>A cgroup that existed before (made here, so without owner marks) and holds processes: refused, and the failed create must
    /// not kill what runs there.</summary>
    [Fact]
    public void Refused_Create_On_A_Busy_Foreign_Cgroup_Leaves_Its_Processes_Alone()
    {
        string path = "/" + TestRun.CgroupPrefix + "foreign-" + NsinitHarness.NewId();
        var spec = _h.DefaultSpec("/bin/sleep", "600");
        spec.Linux!.CgroupsPath = path;
        foreach (var mount in CgroupMounts())
        {
            var dir = Path.Combine(mount, path.TrimStart('/'));
            Directory.CreateDirectory(dir);
            foreach (var f in new[] { "cpuset.cpus", "cpuset.mems" }) // a new v1 cpuset takes no tasks until set
                if (File.Exists(Path.Combine(dir, f)))
                    File.WriteAllText(Path.Combine(dir, f), File.ReadAllText(Path.Combine(mount, f)).Trim());
        }
        string holder = RunDetached(_h, spec);
        int pid = Pid(_h, holder);
        try
        {
            var r = _h.Nsi("run", "--detach", "--bundle", _h.Bundle(spec), NsinitHarness.NewId());
            Assert.True(r.ExitCode != 0, r.ToString());
            Assert.Contains("already has processes", r.Stderr);
            Assert.Equal("running", Status(_h, holder));
            Assert.True(File.Exists($"/proc/{pid}/status"));
        }
        finally
        {
            Ok(_h.Nsi("delete", "--force", holder), "delete");
            foreach (var dir in ExistingDirs(path)) Directory.Delete(dir); // not ours any more: the runtime leaves it
        }
        Assert.Empty(ExistingDirs(path));
    }
}
