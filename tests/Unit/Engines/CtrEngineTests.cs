using LibContainer.Tests.Runtime;
using Xunit;
using static LibContainer.Tests.Engines.EngineShell;

namespace LibContainer.Tests.Engines;

/// <summary>containerd 1.6 through ctr, the runc.v2 shim running nsinit (--runc-binary) with a private --runc-root.</summary>
[Trait("Category", "Engines")]
[Collection("Engines")]
public sealed class CtrEngineTests(EngineSandbox s)
{
    private string Runc => $"--runc-binary {Q(s.Nsinit)} --runc-root {Q(s.NsinitStateOf("ctr"))}";
    private string Cgroup(string id) => $"--cgroup {s.CgroupParent}/ctr/{id}";
    private NsinitResult C(string args) => Sh($"{s.Ctr} {args}");
    private string Ok(string args) => EngineShell.Ok($"{s.Ctr} {args}").Trim();

    private string TaskStatus(string id)
        => Ok("task ls").Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(f => f.Length >= 3 && f[0] == id)?[2] ?? "";

    [EngineFact("containerd", "ctr", "script")]
    public void Run_Rm_Reports_Output_Exit_Code_And_Terminal()
    {
        _ = s.Containerd;
        string id = "rm-" + s.Tag;
        var r = C($"run --rm {Runc} {Cgroup(id)} {EngineSandbox.ImageName} {id} sh -c 'echo hi; grep NSsid /proc/1/status; exit 3'");
        Assert.True(r.ExitCode == 3, r.ToString());
        Assert.Contains("hi", r.Stdout);
        Assert.Matches(@"NSsid:\s+1\b", r.Stdout);

        string tty = "tty-" + s.Tag;
        Assert.Contains("/dev/pts/0", EngineShell.Ok($"script -qec {Q($"{s.Ctr} run --rm -t {Runc} {Cgroup(tty)} {EngineSandbox.ImageName} {tty} tty")} /dev/null"));
    }

    [EngineFact("containerd", "ctr", "script")]
    public void Detached_Task_Exec_Ps_Metrics_Pause_Kill_All_Delete()
    {
        _ = s.Containerd;
        string id = "task-" + s.Tag;
        try
        {
            Ok($"run -d {Runc} {Cgroup(id)} --memory-limit 67108864 {EngineSandbox.ImageName} {id} sleep 600");
            WaitUntil(() => TaskStatus(id) == "RUNNING", "the task to run");
            int pid = int.Parse(Ok("task ls").Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).First(f => f[0] == id)[1]);
            Assert.Equal($"{s.CgroupParent}/ctr/{id}", EngineCgroups.PathOf(pid, "memory"));
            Assert.Equal("67108864", EngineCgroups.Read(pid, "memory", "memory.limit_in_bytes"));

            Assert.Equal(5, C($"task exec --exec-id e1 {id} sh -c 'exit 5'").ExitCode);
            Assert.Contains("sleep", Ok($"task exec --exec-id e2 {id} cat /proc/1/cmdline"));
            Assert.Contains("/dev/pts/", EngineShell.Ok($"script -qec {Q($"{s.Ctr} task exec -t --exec-id e3 {id} tty")} /dev/null"));
            Assert.Contains(pid.ToString(), Ok($"task ps {id}"));
            string metrics = Ok($"task metrics {id}");
            Assert.Contains("memory.limit_in_bytes", metrics);
            Assert.Contains("67108864", metrics);

            Ok($"task pause {id}");
            Assert.Equal("PAUSED", TaskStatus(id));
            Assert.Equal("FROZEN", EngineCgroups.Read(pid, "freezer", "freezer.state"));
            Ok($"task resume {id}");
            Assert.Equal("RUNNING", TaskStatus(id));

            Ok($"task kill -a -s SIGKILL {id}");
            WaitUntil(() => TaskStatus(id) == "STOPPED", "the task to stop");
            Ok($"task kill -a -s SIGKILL {id}"); // a stopped task: runc's answer is success
            Ok($"task delete {id}");
            Ok($"container delete {id}");
        }
        finally
        {
            C($"task kill -a -s SIGKILL {id}");
            C($"task delete -f {id}");
            C($"container delete {id}");
        }
        Assert.DoesNotContain(s.CgroupLeftovers(), d => d.EndsWith("/" + id, StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(Path.Combine(s.NsinitStateOf("ctr"), "lcengines")));
        Assert.DoesNotContain(s.ProcessLeftovers(s.DaemonPids), p => p.Contains("shim", StringComparison.Ordinal));
    }

    [EngineFact("containerd", "ctr")]
    public void Default_Seccomp_Profile_Is_In_Effect()
    {
        _ = s.Containerd;
        string id = "sec-" + s.Tag;
        Assert.Matches(@"Seccomp:\s+2", Ok($"run --rm --seccomp {Runc} {Cgroup(id)} {EngineSandbox.ImageName} {id} grep Seccomp: /proc/self/status"));
    }
}
