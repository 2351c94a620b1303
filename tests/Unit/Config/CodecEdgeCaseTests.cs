using LibContainer.Config;
using LibContainer.Config.Codec;
using Xunit;

namespace LibContainer.Tests.Config;

/// <summary>Wrong types, out-of-range numbers, nulls, unknown and duplicate members, comments, trailing commas and
/// mutated configs: SpecReader must accept what the serializer accepts and fail where and how it fails.</summary>
public class CodecEdgeCaseTests
{
    [Theory]
    // numbers: range, sign, fractions, exponents, strings, booleans, null for a non-nullable member
    [InlineData("""{"process":{"user":{"uid":-1}}}""")]
    [InlineData("""{"process":{"user":{"uid":4294967296}}}""")]
    [InlineData("""{"process":{"user":{"uid":1.5}}}""")]
    [InlineData("""{"process":{"user":{"uid":1.0}}}""")]
    [InlineData("""{"process":{"user":{"uid":1e3}}}""")]
    [InlineData("""{"process":{"user":{"uid":-0}}}""")]
    [InlineData("""{"process":{"user":{"uid":"0"}}}""")]
    [InlineData("""{"process":{"user":{"uid":true}}}""")]
    [InlineData("""{"process":{"user":{"uid":null}}}""")]
    [InlineData("""{"process":{"user":{"umask":null,"additionalGids":[1,null]}}}""")]
    [InlineData("""{"process":{"oomScoreAdj":2147483648}}""")]
    [InlineData("""{"process":{"rlimits":[{"type":"RLIMIT_NOFILE","hard":-1,"soft":0}]}}""")]
    [InlineData("""{"linux":{"resources":{"memory":{"limit":9223372036854775808}}}}""")]
    [InlineData("""{"linux":{"resources":{"memory":{"limit":-9223372036854775808,"swappiness":-1}}}}""")]
    [InlineData("""{"linux":{"resources":{"blockIO":{"weight":65536}}}}""")]
    [InlineData("""{"linux":{"resources":{"blockIO":{"weight":-1}}}}""")]
    [InlineData("""{"linux":{"resources":{"devices":[{"allow":"yes"}]}}}""")]
    [InlineData("""{"linux":{"resources":{"devices":[{"allow":null}]}}}""")]
    [InlineData("""{"linux":{"resources":{"memory":{"disableOOMKiller":1}}}}""")]
    [InlineData("""{"linux":{"timeOffsets":{"boottime":{"secs":"1"}}}}""")]
    [InlineData("""{"linux":{"timeOffsets":{"boottime":null}}}""")]
    [InlineData("""{"linux":{"seccomp":{"syscalls":[{"names":null}]}}}""")]
    [InlineData("""{"linux":{"seccomp":{"syscalls":[{"names":["a",1]}]}}}""")]
    // strings, arrays, objects of the wrong kind; nulls where the model does and does not allow them
    [InlineData("""{"ociVersion":null}""")]
    [InlineData("""{"ociVersion":1}""")]
    [InlineData("""{"hostname":1}""")]
    [InlineData("""{"hostname":{}}""")]
    [InlineData("""{"hostname":[]}""")]
    [InlineData("""{"hostname":null,"domainname":null}""")]
    [InlineData("""{"process":null,"root":null,"linux":null,"hooks":null,"mounts":null,"annotations":null}""")]
    [InlineData("""{"process":{"args":"sh"}}""")]
    [InlineData("""{"process":{"args":[1]}}""")]
    [InlineData("""{"process":{"args":["sh",{}]}}""")]
    [InlineData("""{"process":{"args":[null]}}""")]
    [InlineData("""{"process":{"user":null}}""")]
    [InlineData("""{"process":{"cwd":null}}""")]
    [InlineData("""{"process":[]}""")]
    [InlineData("""{"root":"rootfs"}""")]
    [InlineData("""{"root":{"path":null}}""")]
    [InlineData("""{"root":{"path":1}}""")]
    [InlineData("""{"mounts":{}}""")]
    [InlineData("""{"mounts":[null]}""")]
    [InlineData("""{"mounts":[{"destination":"/a"},{"destination":null}]}""")]
    [InlineData("""{"mounts":[{"destination":"/a","uidMappings":[{"containerID":"0"}]}]}""")]
    [InlineData("""{"hooks":{"prestart":[{"path":"/x","timeout":"5"}]}}""")]
    [InlineData("""{"annotations":{"a":1}}""")]
    [InlineData("""{"annotations":{"a.b":1}}""")]
    [InlineData("""{"annotations":{"a'b c":[]}}""")]
    [InlineData("""{"annotations":{"a":null}}""")]
    [InlineData("""{"annotations":[]}""")]
    [InlineData("""{"linux":{"sysctl":{"x":true}}}""")]
    [InlineData("""{"linux":{"netDevices":{"eth0":"x"}}}""")]
    [InlineData("""{"linux":{"resources":{"unified":{"memory.max":1}}}}""")]
    [InlineData("""{"linux":{"resources":{"rdma":{"mlx":{"hcaHandles":-1}}}}}""")]
    // names: unknown, differently cased, escaped, duplicated
    [InlineData("""{"Hostname":"h","hostName":"i","x":{"y":[1,2,{"z":null}]}}""")]
    [InlineData("""{"\u0068ostname":"h","x\u0041":1}""")]
    [InlineData("""{"hostname":"a","hostname":"b"}""")]
    [InlineData("""{"x":1,"x":[2]}""")]
    [InlineData("""{"annotations":{"a":"1","a":"2"}}""")]
    [InlineData("""{"process":{"args":["a"]},"process":{"cwd":"/b"}}""")]
    [InlineData("""{"linux":{"x-linux":{"deep":{"deeper":[[[[]]]]}}}}""")]
    // comments and trailing commas, everywhere
    [InlineData("{ /* c */ \"ociVersion\" /* c */ : /* c */ \"1.3.0\" // c\n , \"process\": {\"args\": [\"a\", /* c */ ], }, // c\n}")]
    [InlineData("{\"x\": [1, /* in unknown */ 2,], \"annotations\": {\"a\": \"b\",},}")]
    // documents that are not an object, or not one value
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"spec\"")]
    [InlineData("1")]
    [InlineData("{}")]
    [InlineData("{} // trailing comment")]
    [InlineData("{} x")]
    [InlineData("{}{}")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("{\"process\": {\"args\": [1,}}")]
    [InlineData("{\"process\": {\"args\": [\"a\"")]
    [InlineData("{\"hostname\": \"a\nb\"}")]
    [InlineData("{\"hostname\": \"a\" x}")]
    [InlineData("{\"annotations\": {\"a\": \"b\" x}}")]
    [InlineData("{\"annotations\": {\"a\": \"b\", x}}")]
    [InlineData("{\"x\": {\"a\": [1 x]}}")]
    [InlineData("{\"process\": {\"args\": [\"a\" x]}}")]
    [InlineData("{\n  \"ociVersion\": \"1.3.0\",\n  \"process\": { \"user\": { \"uid\": -1 }, \"args\": [\"sh\"] },\n  \"root\": { \"path\": \"r\" }\n}")]
    [InlineData("{\n\"hostname\": \"\u00e9\u00e9\u00e9\",\n\"domainname\": 5}")]
    public void Reads_like_the_serializer(string json)
        => CodecCorpus.AssertSameRead(json, SpecReader.ReadSpec, OciJsonContext.Default.Spec);

    [Fact]
    public void Deep_nesting_fails_like_the_serializer()
    {
        string deep = "{\"x\":" + new string('[', 70) + new string(']', 70) + "}";
        CodecCorpus.AssertSameRead(deep, SpecReader.ReadSpec, OciJsonContext.Default.Spec);
        string ok = "{\"x\":" + new string('[', 60) + new string(']', 60) + "}";
        CodecCorpus.AssertSameRead(ok, SpecReader.ReadSpec, OciJsonContext.Default.Spec);
    }

    [Theory]
    [InlineData("""[{"type":"veth","mtu":"1500"}]""")]
    [InlineData("""[{"type":null}]""")]
    [InlineData("""[null,{"type":"loopback","x":1}]""")]
    [InlineData("""{"type":"veth"}""")]
    [InlineData("""null""")]
    [InlineData("""[{"type":"veth","removeBridge":"yes"}]""")]
    public void Network_annotations_read_like_the_serializer(string json)
    {
        CodecCorpus.AssertSameRead(json, SpecReader.ReadNetworks, OciJsonContext.Default.ListNetworkConfig);
        CodecCorpus.AssertSameRead(json.Replace("\"type\"", "\"gateway\""), SpecReader.ReadRoutes, OciJsonContext.Default.ListNetworkRoute);
    }

    [Theory]
    [InlineData(1, 1500)]
    [InlineData(3, 1500)]
    [InlineData(4, 1500)]
    [InlineData(2, 1500)]
    public void Mutated_configs_read_like_the_serializer(int seed, int rounds)
    {
        string[] texts =
        [
            .. new[] { "oci/full.json", "oci/config.json", "oci/bridge.json" }.Select(s => File.ReadAllText(SeedConfigTests.Sample(s))),
            File.ReadAllText(CodecCorpus.Fixture("maximal.json")),
        ];
        var rng = new Random(seed);
        for (int round = 0; round < rounds; round++)
        {
            string text = texts[rng.Next(texts.Length)];
            for (int m = 1 + rng.Next(3); m > 0; m--) text = ConfigFuzzTests.Mutate(text, rng);
            CodecCorpus.AssertSameRead(text, SpecReader.ReadSpec, OciJsonContext.Default.Spec);
        }
    }
}
