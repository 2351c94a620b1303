using LibContainer.Config;
using LibContainer.Tests.Runtime;
using Xunit;

namespace LibContainer.Tests.NetworkE2E;

/// <summary>
/// The seed's attach_to_bridge.json and route_source_address_selection.json run through nsinit inside a test-owned
/// namespace that has the seed's docker0 (172.17.42.1/16): converted to an OCI bundle, and as the seed ran them
/// (`nsinit exec CMD` in a directory that is the rootfs and holds container.json).
/// </summary>
[Trait("Category", "Integration")]
[Collection("CgroupsE2E")] // every seed config uses the cgroup /docker/docker-koye, as the cgroup seed tests do
public sealed class SeedNetworkE2ETests : IDisposable
{
    private const string Check = "ip -o addr show eth0; ip route; ping -c1 -W2 172.17.42.1 >/dev/null && echo PING-OK";
    private readonly RuntimeNetns _ns = new();

    public SeedNetworkE2ETests()
    {
        _ns.IpHere("link", "add", "docker0", "type", "bridge");
        _ns.IpHere("addr", "add", RuntimeNetns.BridgeAddress, "dev", "docker0");
        _ns.IpHere("link", "set", "docker0", "up");
    }

    public void Dispose() => _ns.Dispose();

    private static string SeedFile(string name) => Path.Combine(AppContext.BaseDirectory, "sample_configs", "seed", name);

    [Theory]
    [InlineData("attach_to_bridge.json")]
    [InlineData("route_source_address_selection.json")]
    public void Seed_Config_Runs_As_Converted_Bundle(string seed)
    {
        var spec = ConfigLoader.Load(SeedFile(seed));
        spec.Root = new Root { Path = _ns.Harness.Rootfs, Readonly = true };
        spec.Process!.Terminal = false;
        spec.Process.Args = ["/bin/sh", "-c", Check];
        var r = _ns.Run(spec);
        AssertSeedNetwork(r);
    }

    [Theory]
    [InlineData("attach_to_bridge.json")]
    [InlineData("route_source_address_selection.json")]
    public void Seed_Config_Runs_In_A_Seed_Directory(string seed)
    {
        string dir = Path.Combine(_ns.Harness.TempDir("netwire-seed-"), "box");
        var cp = NsinitHarness.RunProcess("/bin/cp", ["-a", _ns.Harness.Rootfs, dir]);
        Assert.True(cp.ExitCode == 0, cp.ToString());
        File.Copy(SeedFile(seed), Path.Combine(dir, "container.json"));
        var r = NsinitHarness.RunProcess("/bin/sh",
            ["-c", $"cd '{dir}' && exec nsenter --net=/run/netns/{_ns.Name} -- \"$0\" \"$@\"", _ns.Harness.Nsinit, "--root", _ns.Harness.Root,
             "exec", "/bin/sh", "-c", Check]);
        AssertSeedNetwork(r);
        Assert.Empty(Directory.GetDirectories(_ns.Harness.Root));
    }

    private void AssertSeedNetwork(NsinitResult r)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("172.17.0.101/16", r.Stdout);
        Assert.Contains("default via 172.17.42.1 dev eth0", r.Stdout);
        Assert.Contains("PING-OK", r.Stdout);
        Assert.Empty(_ns.Veths()); // the run deleted its container and with it the host veth
    }
}
