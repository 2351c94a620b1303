using LibContainer.Config;
using LibContainer.Tests.Runtime;
using Xunit;

namespace LibContainer.Tests.NetworkE2E;

/// <summary>linux.netDevices: a veth made in a network namespace this test owns (nsinit runs in it, so it is "the
/// host" here; the machine's own devices are never touched) moves into the container renamed, keeps its address and
/// state, and comes back under its own name on delete.</summary>
[Trait("Category", "Integration")]
public sealed class NetDevicesIntegrationTests : IDisposable
{
    private readonly RuntimeNetns _ns = new();

    public void Dispose() => _ns.Dispose();

    private NsinitResult InContainerNetns(string pid, params string[] ip) =>
        NsinitHarness.RunProcess("nsenter", new[] { $"--net=/proc/{pid}/ns/net", "ip" }.Concat(ip).ToArray());

    [Fact]
    public void A_Device_Moves_In_Renamed_With_Its_Address_And_Back_On_Delete()
    {
        _ns.IpHere("link", "add", "nsdev0", "type", "veth", "peer", "name", "nsdev0p");
        _ns.IpHere("addr", "add", "10.211.0.5/24", "dev", "nsdev0");
        _ns.IpHere("link", "set", "nsdev0", "up");
        var spec = _ns.Harness.DefaultSpec("/bin/sleep", "60");
        spec.Linux!.NetDevices = new() { ["nsdev0"] = new LinuxNetDevice { Name = "ctr0" } };
        string id = NsinitHarness.NewId();
        var pidFile = Path.Combine(_ns.Harness.TempDir("nsinit-pid-"), "pid");
        var r = _ns.Nsi("run", "--detach", "--bundle", _ns.Harness.Bundle(spec), "--pid-file", pidFile, id);
        Assert.True(r.ExitCode == 0, r.ToString());
        string pid = File.ReadAllText(pidFile);

        var inside = InContainerNetns(pid, "-o", "addr", "show", "dev", "ctr0");
        Assert.True(inside.ExitCode == 0, inside.ToString());
        Assert.Contains("10.211.0.5/24", inside.Stdout);
        Assert.Contains(",UP", InContainerNetns(pid, "-o", "link", "show", "dev", "ctr0").Stdout);
        Assert.NotEqual(0, NsinitHarness.RunProcess("ip", ["-n", _ns.Name, "link", "show", "dev", "nsdev0"]).ExitCode);

        r = _ns.Nsi("delete", "--force", id);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("10.211.0.5/24", _ns.IpHere("-o", "addr", "show", "dev", "nsdev0"));
    }

    [Fact]
    public void A_Missing_Device_Fails_Create_And_Leaves_Nothing()
    {
        var spec = _ns.Harness.DefaultSpec("/bin/true");
        spec.Linux!.NetDevices = new() { ["nsnone0"] = new LinuxNetDevice() };
        var r = _ns.Nsi("create", "--bundle", _ns.Harness.Bundle(spec), NsinitHarness.NewId());
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("linux.netDevices[\"nsnone0\"]", r.Stderr);
        Assert.Empty(Directory.GetDirectories(_ns.Harness.Root));
    }
}
