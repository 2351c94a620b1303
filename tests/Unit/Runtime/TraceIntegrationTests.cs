using System.Text.Json;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>`nsinit --trace FILE` / NSINIT_TRACE: per-phase JSON lines from the parent and from init (or the exec'd
/// process), written after the fact and never reaching the container's program.</summary>
[Trait("Category", "Integration")]
public sealed class TraceIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static List<JsonElement> Read(string file) =>
        File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static List<string> Phases(List<JsonElement> lines, string process) =>
        lines.Where(l => l.GetProperty("process").GetString() == process).Select(l => l.GetProperty("phase").GetString()!).ToList();

    [Fact]
    public void Run_Traces_Parent_And_Init_Phases_In_Order()
    {
        var trace = Path.Combine(_h.TempDir("trace-"), "t.jsonl");
        // The container lists its own fds: the trace file must not be among them.
        var r = _h.Nsi("--trace", trace, "run", "--bundle", _h.Bundle(_h.DefaultSpec("/bin/ls", "/proc/self/fd")), NsinitHarness.NewId());
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(new[] { "0", "1", "2", "3" }, r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var lines = Read(trace);
        Assert.All(lines, l => Assert.Equal("run", l.GetProperty("command").GetString()));
        var parent = Phases(lines, "parent");
        Assert.Equal("main", parent[0]);
        Assert.Equal("end", parent[^1]);
        AssertInOrder(parent, "load-config", "state-lock", "cgroup-create", "clone", "wait-init-ready", "state-save", "start", "wait-exit", "delete", "delete-state");
        var init = Phases(lines, "init");
        AssertInOrder(init, "sync", "mounts", "pivot-root", "ready", "wait-start", "credentials", "seccomp", "exec", "end");
        var ts = lines.Where(l => l.GetProperty("process").GetString() == "init").Select(l => l.GetProperty("ts").GetInt64()).ToList();
        Assert.Equal(ts.OrderBy(t => t), ts);
    }

    [Fact]
    public void Exec_Traces_Helper_And_Process_Via_Environment()
    {
        string id = NsinitHarness.NewId();
        Assert.Equal(0, _h.Nsi("run", "--detach", "--bundle", _h.Bundle(_h.DefaultSpec("/bin/sleep", "300")), id).ExitCode);
        try
        {
            var trace = Path.Combine(_h.TempDir("trace-"), "t.jsonl");
            var r = NsinitHarness.RunProcess("/usr/bin/env", new[] { "NSINIT_TRACE=" + trace, _h.Nsinit, "--root", _h.Root, "exec", id, "/bin/true" });
            Assert.True(r.ExitCode == 0, r.ToString());
            var lines = Read(trace);
            AssertInOrder(Phases(lines, "parent"), "main", "open-namespaces", "clone", "wait-exec", "wait-exit", "end");
            AssertInOrder(Phases(lines, "exec-helper"), "namespaces", "fork", "end");
            AssertInOrder(Phases(lines, "exec-process"), "sync", "credentials", "exec", "end");
        }
        finally
        {
            _h.Nsi("delete", "--force", id);
        }
    }

    [Fact]
    public void Trace_To_An_Unwritable_Place_Is_A_Clear_Error()
    {
        var r = _h.Nsi("--trace", "/proc/no/such/dir/t.jsonl", "list");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("open '/proc/no/such/dir/t.jsonl'", r.Stderr);
    }

    private static void AssertInOrder(List<string> actual, params string[] expected)
    {
        int at = 0;
        foreach (var phase in expected)
        {
            int found = actual.IndexOf(phase, at);
            Assert.True(found >= 0, $"phase '{phase}' missing after position {at} in [{string.Join(", ", actual)}]");
            at = found + 1;
        }
    }
}
