using LibContainer.Cgroups;
using LibContainer.Stats;
using Xunit;

namespace LibContainer.Tests.Cgroups;

public class ContainerEventsTests
{
    [Fact]
    public void Stream_EmitsStatsAndOneOomEventPerKill()
    {
        using var tree = FakeCgroupTree.V2();
        var dir = tree.MakeCgroup("/sys/fs/cgroup/nsinit/e1",
            ("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n"), ("memory.current", "4096\n"), ("pids.current", "1\n"));
        var m = CgroupManagerFactory.Open("/nsinit/e1", "e1", false, tree.Detect());
        var seen = new List<string>();
        ContainerEvents.Stream(m, "e1", TimeSpan.FromMilliseconds(200), e =>
        {
            seen.Add(e.Type);
            if (seen.Count == 1)
                File.WriteAllText(Path.Combine(dir, "memory.events"), "low 0\nhigh 0\nmax 4\noom 2\noom_kill 2\n");
            return seen.Count < 4;
        }, s => s.Network.Add(new NetworkInterfaceStats { Name = "eth0", RxBytes = 1 }));
        Assert.Equal(new[] { "stats", "oom", "oom", "stats" }, seen);
    }

    [Fact]
    public void Stream_StopsWhenTheCgroupIsGone()
    {
        using var tree = FakeCgroupTree.V2();
        var dir = tree.MakeCgroup("/sys/fs/cgroup/nsinit/e2", ("memory.events", "oom_kill 0\n"));
        var m = CgroupManagerFactory.Open("/nsinit/e2", "e2", false, tree.Detect());
        int n = 0;
        ContainerEvents.Stream(m, "e2", TimeSpan.FromMilliseconds(50), e =>
        {
            if (++n == 2) Directory.Delete(dir, recursive: true);
            return n < 100;
        });
        Assert.InRange(n, 2, 3);
    }
}
