using LibContainer.Config;
using LibContainer.Security;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>runc's init order: credentials, capabilities, no_new_privs and the label are applied before `create`
/// returns (so it fails when they fail); startContainer hooks run after `start`, with the container's credentials.</summary>
[Trait("Category", "Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InitOrderIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Capability_Outside_The_Host_Bounding_Set_Fails_Create_Naming_It()
    {
        int cap = Enumerable.Range(0, Capabilities.LastCap() + 1).FirstOrDefault(c => (HostFacts.Current.BoundingSet & (1UL << c)) == 0, -1);
        if (cap < 0) return; // this host can grant every capability (the test machine lacks CAP_SYS_RESOURCE)
        string name = Capabilities.Name(cap);
        var spec = _h.DefaultSpec("/bin/true");
        spec.Process!.Capabilities!.Permitted!.Add(name);
        spec.Process.Capabilities.Effective!.Add(name);
        var r = _h.Nsi("create", "--bundle", _h.Bundle(spec), NsinitHarness.NewId());
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains(name, r.Stderr);
        Assert.Contains($"process.capabilities.permitted[{spec.Process.Capabilities.Permitted.Count - 1}]", r.Stderr);
        Assert.Empty(Directory.GetDirectories(_h.Root));
    }

    [Fact]
    public void A_Credential_Step_That_Fails_In_Init_Fails_Create()
    {
        // An ambient capability must be inheritable: PR_CAP_AMBIENT_RAISE fails in init, not in the parent.
        var spec = _h.DefaultSpec("/bin/true");
        spec.Process!.Capabilities!.Ambient = new() { "CAP_KILL" };
        spec.Process.Capabilities.Inheritable = new();
        var r = _h.Nsi("create", "--bundle", _h.Bundle(spec), NsinitHarness.NewId());
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("CAP_KILL", r.Stderr);
        Assert.Empty(Directory.GetDirectories(_h.Root));
    }

    [Fact]
    public void Created_Init_Already_Holds_The_Process_Credentials_And_Starts()
    {
        string id = NsinitHarness.NewId();
        var spec = _h.DefaultSpec("/bin/true");
        spec.Process!.User = new User { Uid = 1000, Gid = 1001 };
        spec.Process.NoNewPrivileges = true;
        var pidFile = Path.Combine(_h.TempDir("nsinit-pid-"), "pid");
        var r = _h.Nsi("create", "--bundle", _h.Bundle(spec), "--pid-file", pidFile, id);
        Assert.True(r.ExitCode == 0, r.ToString());
        var status = File.ReadAllLines($"/proc/{File.ReadAllText(pidFile)}/status");
        Assert.Contains(status, l => l.StartsWith("Uid:\t1000\t1000\t1000", StringComparison.Ordinal));
        Assert.Contains(status, l => l.StartsWith("Gid:\t1001\t1001\t1001", StringComparison.Ordinal));
        Assert.Contains("NoNewPrivs:\t1", status);
        Assert.Contains($"CapEff:\t{Capabilities.DefaultMask:x16}", status); // the config's effective set, as uid 1000
        var start = _h.Nsi("start", id); // the exec fifo is the process user's: init reopens it after setuid
        Assert.True(start.ExitCode == 0, start.ToString());
    }

    [Fact]
    public void StartContainer_Hooks_Run_After_Start_With_The_Container_Credentials()
    {
        string id = NsinitHarness.NewId();
        var dir = _h.TempDir("nsinit-hooklog-");
        File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
        var spec = _h.DefaultSpec("/bin/true");
        spec.Process!.User = new User { Uid = 1000, Gid = 1000 };
        spec.Mounts!.Add(new Mount { Destination = "/hooklog", Source = dir, Type = "bind", Options = new() { "bind" } });
        spec.Hooks = new Hooks
        {
            StartContainer = new() { new Hook { Path = "/bin/sh", Args = new() { "sh", "-c", "id -u > /hooklog/uid; grep NoNewPrivs /proc/self/status >> /hooklog/uid" } } },
        };
        spec.Process.NoNewPrivileges = true;
        var r = _h.Nsi("create", "--bundle", _h.Bundle(spec), id);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.False(File.Exists(Path.Combine(dir, "uid")), "startContainer hooks ran before start");
        r = _h.Nsi("start", id);
        Assert.True(r.ExitCode == 0, r.ToString());
        var file = Path.Combine(dir, "uid");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(File.Exists(file) && File.ReadAllText(file).Contains("NoNewPrivs")) && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.Equal("1000\nNoNewPrivs:\t1\n", File.ReadAllText(file));
    }
}
