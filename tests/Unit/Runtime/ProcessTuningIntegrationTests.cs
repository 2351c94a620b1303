using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>process.scheduler, process.ioPriority, process.execCPUAffinity and linux.memoryPolicy reach the
/// container's process: read from the host with chrt/ionice and /proc, as `chrt -p 1` etc. would inside.</summary>
[Trait("Category", "Integration")]
public sealed class ProcessTuningIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static string Field(string pid, string name) =>
        File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            Thread.Sleep(20);
        }
    }

    [Fact]
    public void Scheduler_IoPriority_MemoryPolicy_And_Cpu_Affinity_Are_Applied()
    {
        string final = Environment.ProcessorCount > 1 ? "1" : "0";
        var spec = _h.DefaultSpec("/bin/sleep", "60");
        spec.Process!.Scheduler = new Scheduler { Policy = "SCHED_BATCH", Nice = 7 };
        spec.Process.IoPriority = new IoPriority { Class = "IOPRIO_CLASS_BE", Priority = 6 };
        spec.Process.ExecCPUAffinity = new CpuAffinity { Initial = "0", Final = final };
        spec.Linux!.MemoryPolicy = new MemoryPolicy { Mode = "MPOL_BIND", Nodes = "0" };
        string id = NsinitHarness.NewId();
        var pidFile = Path.Combine(_h.TempDir("nsinit-pid-"), "pid");
        var r = _h.Nsi("create", "--bundle", _h.Bundle(spec), "--pid-file", pidFile, id);
        Assert.True(r.ExitCode == 0, r.ToString());
        string pid = File.ReadAllText(pidFile);
        Assert.Equal("0", Field(pid, "Cpus_allowed_list")); // initial, until the runtime's last step

        r = _h.Nsi("start", id);
        Assert.True(r.ExitCode == 0, r.ToString());
        WaitFor(() => File.ReadAllText($"/proc/{pid}/comm").Trim() == "sleep", "the container's program");
        Assert.Equal(final, Field(pid, "Cpus_allowed_list"));
        Assert.Contains("SCHED_BATCH", NsinitHarness.RunProcess("/usr/bin/chrt", ["-p", pid]).Stdout);
        Assert.Equal("7", File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].Split(' ')[16]); // field 19: nice
        Assert.Equal("best-effort: prio 6", NsinitHarness.RunProcess("/usr/bin/ionice", ["-p", pid]).Stdout.Trim());
        Assert.Contains(" bind:0 ", File.ReadAllText($"/proc/{pid}/numa_maps"));
    }

    [Fact]
    public void A_Policy_The_Kernel_Refuses_Fails_Create()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Linux!.MemoryPolicy = new MemoryPolicy { Mode = "MPOL_BIND", Nodes = "63" }; // no such node here
        var r = _h.Nsi("create", "--bundle", _h.Bundle(spec), NsinitHarness.NewId());
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("set_mempolicy", r.Stderr);
        Assert.Contains("linux.memoryPolicy", r.Stderr);
        Assert.Empty(Directory.GetDirectories(_h.Root));
    }
}
