using LibContainer.Config;
using LibContainer.Tests.Runtime;
using Xunit;
using static LibContainer.Tests.CgroupsE2E.CgroupE2E;

namespace LibContainer.Tests.CgroupsE2E;

/// <summary>`update --resources FILE|-` and runc's update flags change a running container's cgroup files, and the
/// new limits are recorded in its state.</summary>
[Trait("Category", "Integration")]
[Collection("CgroupsE2E")]
public sealed class CgroupUpdateE2ETests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private string RunLimited()
    {
        var spec = _h.DefaultSpec("/bin/sleep", "600");
        spec.Resources().Memory = new LinuxMemory { Limit = 64 * MiB };
        spec.Resources().Pids = new LinuxPids { Limit = 50 };
        spec.Resources().Cpu = new LinuxCpu { Shares = 1024 };
        return RunDetached(_h, spec);
    }

    [Fact]
    public void Update_Resources_From_A_File_And_From_Stdin()
    {
        string id = RunLimited();
        string path = _h.CgroupOf(id);
        var file = Path.Combine(_h.TempDir("cgcli-update-"), "resources.json");
        File.WriteAllText(file, """{"memory":{"limit":33554432},"pids":{"limit":30}}""");
        Ok(_h.Nsi("update", "--resources", file, id), "update --resources FILE");
        Assert.Equal((32 * MiB).ToString(), Read("memory", path, "memory.limit_in_bytes"));
        Assert.Equal("30", Read("pids", path, "pids.max"));
        Assert.Equal("1024", Read("cpu", path, "cpu.shares")); // untouched

        var r = NsiWithStdin(_h, """{"cpu":{"shares":256,"quota":20000,"period":100000}}""", "update", "--resources", "-", id);
        Ok(r, "update --resources -");
        Assert.Equal("256", Read("cpu", path, "cpu.shares"));
        Assert.Equal("20000", Read("cpu", path, "cpu.cfs_quota_us"));
        Assert.Equal((32 * MiB).ToString(), Read("memory", path, "memory.limit_in_bytes"));

        // The record keeps every update, merged field by field.
        var res = Record(_h, id).GetProperty("config").GetProperty("linux").GetProperty("resources");
        Assert.Equal(32 * MiB, res.GetProperty("memory").GetProperty("limit").GetInt64());
        Assert.Equal(30, res.GetProperty("pids").GetProperty("limit").GetInt64());
        Assert.Equal(256, res.GetProperty("cpu").GetProperty("shares").GetInt64());
        Assert.Equal(100000, res.GetProperty("cpu").GetProperty("period").GetInt64());
        Ok(_h.Nsi("delete", "--force", id), "delete");
    }

    [Fact]
    public void Update_With_Runc_Flags()
    {
        string id = RunLimited();
        string path = _h.CgroupOf(id);
        var r = _h.Nsi("update", "--memory", "48m", "--memory-reservation", "16m", "--memory-swap", "96m", "--pids-limit", "40",
            "--cpu-shares", "300", "--cpu-quota", "30000", "--cpu-period", "200000", "--cpuset-cpus", "0", "--cpuset-mems", "0",
            "--kernel-memory", "8m", id);
        Ok(r, "update flags");
        Assert.Contains("--kernel-memory is ignored", r.Stderr);
        Assert.Equal((48 * MiB).ToString(), Read("memory", path, "memory.limit_in_bytes"));
        Assert.Equal((16 * MiB).ToString(), Read("memory", path, "memory.soft_limit_in_bytes"));
        if (File.Exists(CgFile("memory", path, "memory.memsw.limit_in_bytes")))
            Assert.Equal((96 * MiB).ToString(), Read("memory", path, "memory.memsw.limit_in_bytes"));
        Assert.Equal("40", Read("pids", path, "pids.max"));
        Assert.Equal("300", Read("cpu", path, "cpu.shares"));
        Assert.Equal("30000", Read("cpu", path, "cpu.cfs_quota_us"));
        Assert.Equal("200000", Read("cpu", path, "cpu.cfs_period_us"));
        Assert.Equal("0", Read("cpuset", path, "cpuset.cpus"));
        Assert.Equal("0", Read("cpuset", path, "cpuset.mems"));

        // The flags override the file's values (runc's order), and --cpu-share is runc's spelling.
        var file = Path.Combine(_h.TempDir("cgcli-update-"), "r.json");
        File.WriteAllText(file, """{"memory":{"limit":100000000},"cpu":{"shares":700}}""");
        Ok(_h.Nsi("update", "-r", file, "--memory", "40m", "--cpu-share", "500", "--pids-limit", "-1", id), "update -r FILE + flags");
        Assert.Equal((40 * MiB).ToString(), Read("memory", path, "memory.limit_in_bytes"));
        Assert.Equal("500", Read("cpu", path, "cpu.shares"));
        Assert.Equal("max", Read("pids", path, "pids.max"));

        var stats = _h.Nsi("events", "--stats", id);
        Assert.Contains($"\"limit\":{40 * MiB}", stats.Stdout);
        Ok(_h.Nsi("delete", "--force", id), "delete");
    }

    /// <summary>dockerd writes 0 for every limit not set, at create and at each `docker update`; runc skips them.</summary>
    [Fact]
    public void Engine_Zeros_Mean_Not_Set_In_Create_And_Update()
    {
        var spec = _h.DefaultSpec("/bin/sleep", "600");
        spec.Resources().BlockIO = new LinuxBlockIo { Weight = 0 };
        spec.Resources().Cpu = new LinuxCpu { Shares = 0, Quota = 0, Period = 0 };
        spec.Resources().Pids = new LinuxPids { Limit = 0 };
        spec.Resources().Memory = new LinuxMemory { Limit = 0, Reservation = 0, Swap = 0 };
        string zeros = RunDetached(_h, spec);
        string zerosPath = _h.CgroupOf(zeros);
        Assert.Equal("1024", Read("cpu", zerosPath, "cpu.shares")); // 0 written would be clamped to 2
        Assert.Equal("-1", Read("cpu", zerosPath, "cpu.cfs_quota_us"));
        Assert.Equal("max", Read("pids", zerosPath, "pids.max"));
        Ok(_h.Nsi("delete", "--force", zeros), "delete");

        string id = RunLimited();
        string path = _h.CgroupOf(id);
        var r = NsiWithStdin(_h, """
            {"memory":{"limit":50331648,"reservation":0,"swap":0,"kernel":0,"kernelTCP":0,"disableOOMKiller":false},
             "cpu":{"shares":0,"quota":0,"period":0,"realtimeRuntime":0,"realtimePeriod":0,"cpus":"","mems":""},
             "pids":{"limit":0},"blockIO":{"weight":0}}
            """, "update", "--resources", "-", id);
        Ok(r, "update with dockerd's zeros");
        Assert.Equal((48 * MiB).ToString(), Read("memory", path, "memory.limit_in_bytes"));
        Assert.Equal("1024", Read("cpu", path, "cpu.shares"));
        Assert.Equal("50", Read("pids", path, "pids.max"));
        var res = Record(_h, id).GetProperty("config").GetProperty("linux").GetProperty("resources");
        Assert.Equal(50, res.GetProperty("pids").GetProperty("limit").GetInt64());
        Ok(_h.Nsi("delete", "--force", id), "delete");
    }

    [Fact]
    public void Updated_Device_Rules_Keep_The_Default_Devices()
    {
        string id = RunLimited();
        var r = NsiWithStdin(_h, """{"devices":[{"allow":false,"access":"rwm"}]}""", "update", "--resources", "-", id);
        Ok(r, "update devices");
        Ok(_h.Nsi("exec", id, "/bin/sh", "-c", "echo x > /dev/null && head -c 1 /dev/zero > /dev/null"), "default devices after update");
        Ok(_h.Nsi("delete", "--force", id), "delete");
    }

    [Fact]
    public void Update_Errors_Are_Clear()
    {
        string id = RunLimited();
        var none = _h.Nsi("update", id);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("nothing to update", none.Stderr);
        var bad = _h.Nsi("update", "--memory", "lots", id);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--memory", bad.Stderr);
        var badJson = NsiWithStdin(_h, "{\"memory\":", "update", "--resources", "-", id);
        Assert.Equal(1, badJson.ExitCode);
        Assert.Contains("stdin", badJson.Stderr);
        var unknown = _h.Nsi("update", "--no-such-flag", "1", id);
        Assert.Equal(1, unknown.ExitCode);

        Ok(_h.Nsi("kill", id, "KILL"), "kill");
        WaitStopped(_h, id);
        var stopped = _h.Nsi("update", "--memory", "32m", id);
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("stopped", stopped.Stderr);
        var events = _h.Nsi("events", id);
        Assert.Equal(1, events.ExitCode);
        Assert.Contains("not running", events.Stderr);
        Ok(_h.Nsi("delete", id), "delete");
    }
}
