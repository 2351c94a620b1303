using System.Text.Json.Nodes;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Config;

public class RoundTripTests
{
    static string Sample(string name) => SeedConfigTests.Sample(Path.Combine("oci", name));

    [Fact]
    public void Full_config_round_trips_without_losing_anything()
    {
        string original = File.ReadAllText(Sample("full.json"));
        Spec spec = ConfigLoader.Parse(original, "full.json");
        string written = ConfigLoader.ToJson(spec);

        // Every field, including the unknown ones, comes back with the same value.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(written)),
            $"round trip changed the config:\n{written}");
        Assert.Equal(written, ConfigLoader.ToJson(ConfigLoader.Parse(written)));

        // Unknown fields at several levels are reachable on the model.
        Assert.True(spec.ExtensionData!.ContainsKey("x-vendor-top"));
        Assert.True(spec.Process!.User.ExtensionData!.ContainsKey("x-user-extra"));
        Assert.True(spec.Process.Rlimits![1].ExtensionData!.ContainsKey("x-rlimit-note"));
        Assert.True(spec.Mounts![4].ExtensionData!.ContainsKey("x-mount-extra"));
        Assert.True(spec.Linux!.Resources!.ExtensionData!.ContainsKey("x-resources-extra"));
        Assert.True(spec.Linux.ExtensionData!.ContainsKey("x-linux-extra"));
    }

    [Fact]
    public void Full_config_fields_are_read()
    {
        Spec spec = ConfigLoader.Load(Sample("full.json"));
        Assert.Equal((1000u, 18u), (spec.Process!.User.Uid, spec.Process.User.Umask!.Value));
        Assert.Equal("SCMP_ACT_NOTIFY", spec.Linux!.Seccomp!.Syscalls![2].Action);
        Assert.Equal(-60, spec.Linux.TimeOffsets!["boottime"].Secs);
        Assert.Equal((ushort)500, spec.Linux.Resources!.BlockIO!.Weight);
        Assert.Equal(1000UL, spec.Linux.Resources.BlockIO.ThrottleReadIopsDevice![0].Rate);
        Assert.Equal(1048577u, spec.Linux.Resources.Network!.ClassId);
        Assert.Equal("guaranteed_group", spec.Linux.IntelRdt!.ClosId);
        Assert.Equal("MPOL_INTERLEAVE", spec.Linux.MemoryPolicy!.Mode);
        Assert.Equal(5, spec.Hooks!.Prestart![0].Timeout);
        IReadOnlyList<NetworkConfig> nets = SpecNetworks.GetNetworks(spec);
        Assert.Equal(("lcbr0", "10.88.0.1/16", "fd00::2/64", "lc"), (nets[1].Bridge, nets[1].BridgeAddress, nets[1].Ipv6Address, nets[1].VethPrefix));
        Assert.Equal("eth0", Assert.Single(SpecNetworks.GetRoutes(spec)).InterfaceName);
    }

    [Fact]
    public void Sample_oci_config_is_the_default_spec()
    {
        Spec sample = ConfigLoader.Load(Sample("config.json"));
        Assert.Equal(ConfigLoader.ToJson(SpecDefaults.Create()), ConfigLoader.ToJson(sample));
    }

    [Fact]
    public void Sample_rootless_and_bridge_configs()
    {
        Assert.Equal(ConfigLoader.ToJson(SpecDefaults.Create(true, 1000, 1000)), ConfigLoader.ToJson(ConfigLoader.Load(Sample("rootless.json"))));

        // bridge.json is the seed's attach_to_bridge.json converted, with a rootfs and a command.
        Spec bridge = ConfigLoader.Load(Sample("bridge.json"));
        Spec seed = ConfigLoader.Load(SeedConfigTests.Sample("seed/attach_to_bridge.json"));
        seed.Root!.Path = "rootfs";
        seed.Process!.Args = ["sh"];
        Assert.Equal(ConfigLoader.ToJson(seed), ConfigLoader.ToJson(bridge));
        Assert.Equal("docker0", SpecNetworks.GetNetworks(bridge)[1].Bridge);
    }

    [Fact]
    public void ToJson_writes_quotes_and_non_ascii_plainly()
    {
        Spec spec = SpecDefaults.Create();
        spec.Annotations = new() { ["k"] = "a\"b+<é>" };
        Assert.Contains("\"k\": \"a\\\"b+<é>\"", ConfigLoader.ToJson(spec));
    }

    [Fact]
    public void State_json_round_trips()
    {
        const string json = """{"ociVersion":"1.3.0","id":"c1","status":"running","pid":42,"bundle":"/b","annotations":{"a":"b"},"x-extra":[1]}""";
        ContainerStateJson state = System.Text.Json.JsonSerializer.Deserialize(json, OciJsonContext.Default.ContainerStateJson)!;
        Assert.Equal(("c1", "running", 42, "/b"), (state.Id, state.Status, state.Pid, state.Bundle));
        string back = System.Text.Json.JsonSerializer.Serialize(state, OciJsonContext.Default.ContainerStateJson);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(back)));
    }

    [Fact]
    public void Network_annotations_write_and_read_back()
    {
        Spec spec = SpecDefaults.Create();
        SpecNetworks.SetNetworks(spec, [new NetworkConfig { Type = "loopback" }, new NetworkConfig { Type = "veth", Bridge = "br0", Address = "10.1.0.2/24", Mtu = 1400 }]);
        SpecNetworks.SetRoutes(spec, [new NetworkRoute { Destination = "0.0.0.0/0", Gateway = "10.1.0.1" }]);
        Assert.DoesNotContain('\n', spec.Annotations![NetworkAnnotations.Networks]);
        Spec back = ConfigLoader.Parse(ConfigLoader.ToJson(spec));
        Assert.Equal(1400, SpecNetworks.GetNetworks(back)[1].Mtu);
        Assert.Equal("10.1.0.1", SpecNetworks.GetRoutes(back)[0].Gateway);
        Assert.Empty(SpecNetworks.GetNetworks(SpecDefaults.Create()));
    }
}
