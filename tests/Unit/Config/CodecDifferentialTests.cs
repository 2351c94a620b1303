using System.Collections;
using System.Reflection;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.Config.Codec;
using Xunit;

namespace LibContainer.Tests.Config;

/// <summary>SpecReader/SpecWriter against System.Text.Json's OciJsonContext on every config the tests use: the same
/// objects read, the same bytes written, the same errors.</summary>
public class CodecDifferentialTests
{
    public static IEnumerable<object[]> Configs() => CodecCorpus.Configs();

    [Theory]
    [MemberData(nameof(Configs))]
    public void Reads_every_config_like_the_serializer(string name)
        => CodecCorpus.AssertSameRead(CodecCorpus.Text(name), SpecReader.ReadSpec, OciJsonContext.Default.Spec);

    [Theory]
    [MemberData(nameof(Configs))]
    public void Writes_every_config_byte_for_byte_like_the_serializer(string name)
    {
        Spec spec = CodecCorpus.Spec(name);
        CodecCorpus.AssertSameWrite(spec, SpecWriter.Write, static c => c.Spec);
        // And what it writes reads back to the same config.
        string written = SpecWriter.ToJson(spec, SpecWriter.Write, SpecWriter.IndentedPlain);
        Assert.Equal(written, SpecWriter.ToJson(SpecReader.ReadSpec(written)!, SpecWriter.Write, SpecWriter.IndentedPlain));
    }

    [Fact]
    public void Parts_of_the_config_read_and_write_like_the_serializer()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(CodecCorpus.Fixture("maximal.json")),
            new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        JsonElement root = doc.RootElement;
        string process = root.GetProperty("process").GetRawText();
        string resources = root.GetProperty("linux").GetProperty("resources").GetRawText();
        string networks = root.GetProperty("annotations").GetProperty(NetworkAnnotations.Networks).GetString()!;
        string routes = root.GetProperty("annotations").GetProperty(NetworkAnnotations.Routes).GetString()!;

        CodecCorpus.AssertSameRead(process, SpecReader.ReadProcess, OciJsonContext.Default.Process);
        CodecCorpus.AssertSameRead(resources, SpecReader.ReadLinuxResources, OciJsonContext.Default.LinuxResources);
        CodecCorpus.AssertSameRead(networks, SpecReader.ReadNetworks, OciJsonContext.Default.ListNetworkConfig);
        CodecCorpus.AssertSameRead(routes, SpecReader.ReadRoutes, OciJsonContext.Default.ListNetworkRoute);

        CodecCorpus.AssertSameWrite(SpecReader.ReadProcess(process)!, SpecWriter.Write, static c => c.Process);
        CodecCorpus.AssertSameWrite(SpecReader.ReadLinuxResources(resources)!, SpecWriter.Write, static c => c.LinuxResources);
        CodecCorpus.AssertSameWrite(SpecReader.ReadNetworks(networks)!, SpecWriter.Write, static c => c.ListNetworkConfig);
        CodecCorpus.AssertSameWrite(SpecReader.ReadRoutes(routes)!, SpecWriter.Write, static c => c.ListNetworkRoute);

        Hooks hooks = SpecReader.ReadHooks(root.GetProperty("hooks"))!;
        Assert.Equal(root.GetProperty("hooks").GetProperty("prestart")[0].GetProperty("timeout").GetInt32(), hooks.Prestart![0].Timeout);
        Assert.Equal("value", SpecReader.ReadStringMap(root.GetProperty("annotations"))!["com.example.key"]);
    }

    [Theory]
    [InlineData("""{"ociVersion":"1.3.0","id":"c1","status":"running","pid":42,"bundle":"/b","annotations":{"a":"b"},"x-extra":[1]}""")]
    [InlineData("""{"ociVersion":"1.3.0","id":"c\"<é>","status":"created","bundle":"/b"}""")]
    [InlineData("""{"id":null}""")]
    [InlineData("""{"pid":"1"}""")]
    public void State_json_reads_and_writes_like_the_serializer(string json)
    {
        CodecCorpus.AssertSameRead(json, SpecReader.ReadContainerState, OciJsonContext.Default.ContainerStateJson);
        if (SpecReader.ReadContainerState(json.Replace("\"id\":null", "\"id\":\"\"").Replace("\"1\"", "1")) is { } state)
            CodecCorpus.AssertSameWrite(state, SpecWriter.Write, static c => c.ContainerStateJson);
    }

    [Fact]
    public void The_maximal_fixture_sets_every_member_of_the_model()
    {
        Spec spec = SpecReader.ReadSpec(File.ReadAllText(CodecCorpus.Fixture("maximal.json")))!;
        var set = new HashSet<string>();
        Walk(spec, set);
        foreach (NetworkConfig n in SpecNetworks.GetNetworks(spec)) Walk(n, set);
        foreach (NetworkRoute r in SpecNetworks.GetRoutes(spec)) Walk(r, set);

        var types = typeof(Spec).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(JsonObjectBase)) && t.Namespace == "LibContainer.Config" && t != typeof(ContainerStateJson));
        var unset = types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(p => $"{t.Name}.{p.Name}"))
            .Where(m => !set.Contains(m)).ToList();
        Assert.True(unset.Count == 0, "maximal.json leaves unset: " + string.Join(", ", unset));
    }

    // Collects Type.Member for every member that is not null somewhere in the object graph.
    static void Walk(object v, HashSet<string> set)
    {
        switch (v)
        {
            case JsonObjectBase o:
                foreach (PropertyInfo p in o.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    if (p.GetIndexParameters().Length > 0 || p.GetValue(o) is not { } value) continue;
                    set.Add($"{o.GetType().Name}.{p.Name}");
                    Walk(value, set);
                }
                break;
            case IDictionary map:
                foreach (DictionaryEntry e in map) if (e.Value is not null) Walk(e.Value, set);
                break;
            case IList list:
                foreach (object? item in list) if (item is not null) Walk(item, set);
                break;
        }
    }
}
