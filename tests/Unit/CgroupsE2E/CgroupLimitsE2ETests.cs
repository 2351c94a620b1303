using System.Text.Json;
using LibContainer.Config;
using LibContainer.Tests.Runtime;
using Xunit;
using static LibContainer.Tests.CgroupsE2E.CgroupE2E;

namespace LibContainer.Tests.CgroupsE2E;

/// <summary>config.json limits in the cgroup files and in effect on real containers: memory (OOM kill + event), pids
/// (a fork loop stops at the limit), and a 512 KiB container that still runs /bin/true.</summary>
[Trait("Category", "Integration")]
[Collection("CgroupsE2E")]
public sealed class CgroupLimitsE2ETests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Limits_From_ConfigJson_Are_In_The_Cgroup_Files_And_In_Stats()
    {
        var spec = _h.DefaultSpec("/bin/sleep", "600");
        var r = spec.Resources();
        r.Memory = new LinuxMemory { Limit = 64 * MiB, Reservation = 32 * MiB };
        r.Cpu = new LinuxCpu { Shares = 512, Quota = 50000, Period = 100000, Cpus = "0" };
        r.Pids = new LinuxPids { Limit = 50 };
        string id = RunDetached(_h, spec);
        string path = _h.CgroupOf(id);

        Assert.Equal((64 * MiB).ToString(), Read("memory", path, "memory.limit_in_bytes"));
        Assert.Equal((32 * MiB).ToString(), Read("memory", path, "memory.soft_limit_in_bytes"));
        Assert.Equal("512", Read("cpu", path, "cpu.shares"));
        Assert.Equal("50000", Read("cpu", path, "cpu.cfs_quota_us"));
        Assert.Equal("100000", Read("cpu", path, "cpu.cfs_period_us"));
        Assert.Equal("0", Read("cpuset", path, "cpuset.cpus"));
        Assert.Equal("50", Read("pids", path, "pids.max"));

        var stats = _h.Nsi("events", "--stats", id);
        Ok(stats, "events --stats");
        var e = JsonDocument.Parse(stats.Stdout).RootElement;
        Assert.Equal("stats", e.GetProperty("type").GetString());
        Assert.Equal(id, e.GetProperty("id").GetString());
        var data = e.GetProperty("data");
        Assert.Equal((ulong)(64 * MiB), data.GetProperty("memory").GetProperty("usage").GetProperty("limit").GetUInt64());
        Assert.True(data.GetProperty("memory").GetProperty("usage").GetProperty("usage").GetUInt64() > 0);
        Assert.Equal(50, data.GetProperty("pids").GetProperty("limit").GetInt32());
        Assert.Equal(1, data.GetProperty("pids").GetProperty("current").GetInt32());
        Assert.True(data.GetProperty("cpu").GetProperty("usage").GetProperty("total").GetUInt64() > 0);
        Ok(_h.Nsi("delete", "--force", id), "delete");
    }

    [Fact]
    public void Memory_Hog_In_16MiB_Is_OomKilled_And_Events_Reports_It()
    {
        var spec = _h.DefaultSpec("/bin/sleep", "600");
        // No swap limit: with memory+swap at 16 MiB too, the kernel counts the failures in memsw.failcnt instead.
        spec.Resources().Memory = new LinuxMemory { Limit = 16 * MiB };
        string id = RunDetached(_h, spec);
        string path = _h.CgroupOf(id);
        using var events = new StreamingNsinit(_h, "events", "--interval", "1s", id);
        Assert.True(events.WaitForEvent("stats"), "no first stats event: " + events); // the OOM watch is armed by now

        var hog = _h.Nsi("exec", id, "/usr/bin/tail", "/dev/zero");
        Assert.True(hog.ExitCode == 128 + 9, "the hog was not killed: " + hog);
        Assert.True(events.WaitForEvent("oom"), "no oom event: " + events.Stderr + events.Lines.LastOrDefault());
        var oom = events.Events.First(e => e.GetProperty("type").GetString() == "oom");
        Assert.Equal(id, oom.GetProperty("id").GetString());
        Assert.False(oom.TryGetProperty("data", out _));

        var stats = _h.Nsi("events", "--stats", id);
        Ok(stats, "events --stats");
        var usage = JsonDocument.Parse(stats.Stdout).RootElement.GetProperty("data").GetProperty("memory").GetProperty("usage");
        Assert.True(usage.GetProperty("failcnt").GetUInt64() > 0, stats.Stdout);
        Assert.Contains("oom_kill 1", Read("memory", path, "memory.oom_control"));
        Assert.Equal("running", Status(_h, id)); // only the hog died

        Ok(_h.Nsi("kill", id, "KILL"), "kill");
        Assert.True(events.WaitForExit(15000), "events did not end when the container stopped: " + events);
        Assert.True(events.ExitCode == 0, events.ToString());
        Ok(_h.Nsi("delete", id), "delete");
    }

    [Fact]
    public void Fork_Loop_Stops_At_The_Pids_Limit()
    {
        var spec = _h.DefaultSpec("/bin/sleep", "600");
        spec.Resources().Pids = new LinuxPids { Limit = 16 };
        string id = RunDetached(_h, spec);
        string path = _h.CgroupOf(id);
        // 200 background sleeps from a shell loop: forks start failing at the limit.
        _h.Nsi("exec", id, "/bin/sh", "-c", "i=0; while [ $i -lt 200 ]; do sleep 600 & i=$((i+1)); done; exit 0");

        int current = int.Parse(Read("pids", path, "pids.current"));
        Assert.InRange(current, 12, 16);
        Assert.Matches(@"^max [1-9]\d*$", Read("pids", path, "pids.events"));
        var pids = JsonDocument.Parse(_h.Nsi("events", "--stats", id).Stdout).RootElement.GetProperty("data").GetProperty("pids");
        Assert.Equal(16, pids.GetProperty("limit").GetInt32());
        Assert.InRange(pids.GetProperty("current").GetInt32(), 12, 16);
        Ok(_h.Nsi("delete", "--force", id), "delete --force");
        Assert.Empty(ExistingDirs(path));
    }

    [Fact]
    public void Container_With_512KiB_Memory_Runs_True()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Resources().Memory = new LinuxMemory { Limit = 512 * 1024 };

        string id = NsinitHarness.NewId();
        var bundle = _h.Bundle(spec);
        Ok(_h.Nsi("create", "--bundle", bundle, id), "create");
        string path = _h.CgroupOf(id);
        Assert.Equal("524288", Read("memory", path, "memory.limit_in_bytes"));
        Ok(_h.Nsi("start", id), "start");
        WaitStopped(_h, id);
        Assert.Contains("oom_kill 0", Read("memory", path, "memory.oom_control"));
        Ok(_h.Nsi("delete", id), "delete");

        var run = _h.Nsi("run", "--bundle", bundle, NsinitHarness.NewId());
        Assert.True(run.ExitCode == 0, "run /bin/true under 512 KiB: " + run);
    }
}
