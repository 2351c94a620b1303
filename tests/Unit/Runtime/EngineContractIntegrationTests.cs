using System.Text.Json;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>What podman, containerd and dockerd rely on beyond the commands themselves: runc's answers to kill of a
/// stopped container, pid 1 as a session leader, and device modes as engines write them.</summary>
[Trait("Category", "Integration")]
public sealed class EngineContractIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private string Status(string id)
        => JsonDocument.Parse(_h.Nsi("state", id).Stdout).RootElement.GetProperty("status").GetString()!;

    [Fact]
    public void Kill_Of_A_Stopped_Container_Succeeds_With_All_And_Says_Not_Running_Without()
    {
        string id = NsinitHarness.NewId();
        Assert.Equal(0, _h.Nsi("run", "-d", "--bundle", _h.Bundle(_h.DefaultSpec("/bin/true")), id).ExitCode);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Status(id) != "stopped" && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.Equal("stopped", Status(id));

        var all = _h.Nsi("kill", "--all", id, "9");
        Assert.True(all.ExitCode == 0, all.ToString()); // containerd's StopContainer sends this and waits for success
        var one = _h.Nsi("kill", id, "KILL");
        Assert.Equal(1, one.ExitCode);
        Assert.Contains("container not running", one.Stderr); // the words containerd's shim maps to "already finished"
        Assert.Equal(0, _h.Nsi("delete", id).ExitCode);
    }

    [Fact]
    public void Pid1_Leads_Its_Own_Session_Without_A_Terminal()
    {
        var r = _h.Run(_h.DefaultSpec("/bin/sh", "-c", "grep -E 'NSsid|NSpgid' /proc/1/status"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"NSpgid:\s+1\b", r.Stdout);
        Assert.Matches(@"NSsid:\s+1\b", r.Stdout);
    }

    [Fact]
    public void Device_FileMode_With_File_Type_Bits_Is_Masked()
    {
        var spec = _h.DefaultSpec("/bin/sh", "-c", "stat -c '%F %a %t:%T' /dev/engine-null");
        spec.Linux!.Devices = [new LinuxDevice { Type = "c", Path = "/dev/engine-null", Major = 1, Minor = 3, FileMode = 8576 }];
        var r = _h.Run(spec); // podman --privileged / --device: st_mode of the host device, S_IFCHR|0600
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("character special file 600 1:3", r.Stdout.Trim());
    }
}
