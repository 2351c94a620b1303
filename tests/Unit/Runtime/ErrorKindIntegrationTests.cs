using System.Text.Json;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>Each error kind, triggered for real, reaches the `--log-format json` line with its fields (kind, step,
/// syscall, errno, errnoName, path, jsonPath) and the documented exit status; nothing is left behind.</summary>
[Trait("Category", "Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ErrorKindIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>`create` of the spec with a JSON log (under an optional wrapper); returns the error line's fields.</summary>
    private Dictionary<string, string> FailedCreate(string bundle, string wrapper = "")
    {
        string log = Path.Combine(_h.TempDir("nsinit-log-"), "log.json");
        var r = NsinitHarness.RunProcess("/bin/sh", ["-c", wrapper + " \"$@\"", "sh", _h.Nsinit, "--root", _h.Root, "--log", log,
            "--log-format", "json", "create", "--bundle", bundle, NsinitHarness.NewId()]);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Empty(Directory.GetDirectories(_h.Root));
        var line = File.ReadAllLines(log).Last(l => l.Contains("\"level\":\"error\"", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(line);
        var fields = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
        Assert.Equal(r.Stderr.Trim(), "nsinit: " + fields["msg"]);
        return fields;
    }

    private static Hook Hook(params string[] args) => new() { Path = args[0], Args = [.. args] };

    [Fact]
    public void HostUnsupported_Names_The_Json_Path()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Process!.Capabilities!.Bounding!.Add("CAP_SYS_NICE");
        var f = FailedCreate(_h.Bundle(spec), "setpriv --bounding-set -sys_nice");
        Assert.Equal("HostUnsupported", f["kind"]);
        Assert.Equal($"process.capabilities.bounding[{spec.Process.Capabilities.Bounding.Count - 1}]", f["jsonPath"]);
    }

    [Fact]
    public void PermissionDenied_Carries_Syscall_Errno_And_Path()
    {
        string bundle = _h.Bundle(_h.DefaultSpec("/bin/true"));
        string config = Path.Combine(bundle, "config.json");
        File.SetUnixFileMode(config, UnixFileMode.None);
        var f = FailedCreate(bundle, "setpriv --bounding-set -dac_override,-dac_read_search");
        Assert.Equal("PermissionDenied", f["kind"]);
        Assert.Equal(("open", "13", "EACCES", config), (f["syscall"], f["errno"], f["errnoName"], f["path"]));
    }

    [Fact]
    public void HookFailed_Names_The_Hook_And_Its_Json_Path()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Hooks = new Hooks { CreateRuntime = [Hook("/bin/true"), Hook("/bin/sh", "-c", "echo broken >&2; exit 3")] };
        var f = FailedCreate(_h.Bundle(spec));
        Assert.Equal(("HookFailed", "hooks.createRuntime[1]", "/bin/sh"), (f["kind"], f["jsonPath"], f["path"]));
        Assert.Contains("broken", f["msg"]);
    }

    [Fact]
    public void Timeout_Of_A_Hook()
    {
        var spec = _h.DefaultSpec("/bin/true");
        var hook = Hook("/bin/sleep", "30");
        hook.Timeout = 1;
        spec.Hooks = new Hooks { Prestart = [hook] };
        var f = FailedCreate(_h.Bundle(spec));
        Assert.Equal(("Timeout", "hooks.prestart[0]", "/bin/sleep"), (f["kind"], f["jsonPath"], f["path"]));
    }

    [Fact]
    public void InitFailed_Carries_The_Step()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Mounts!.Add(new Mount { Destination = "/mnt", Type = "bind", Source = "/nonexistent-source-dir", Options = ["bind"] });
        var f = FailedCreate(_h.Bundle(spec));
        Assert.Equal("InitFailed", f["kind"]);
        Assert.Equal("ENOENT", f["errnoName"]);
        Assert.False(string.IsNullOrEmpty(f["step"]));
        Assert.False(string.IsNullOrEmpty(f["syscall"]));
    }

    [Fact]
    public void ConfigInvalid_Names_The_First_Json_Path()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Process!.Cwd = "relative";
        var f = FailedCreate(_h.Bundle(spec));
        Assert.Equal(("ConfigInvalid", "process.cwd"), (f["kind"], f["jsonPath"]));
    }
}
