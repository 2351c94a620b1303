using System.Text;
using System.Text.Json.Nodes;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Config;

/// <summary>
/// Seeded random mutations of valid configs (OCI and seed): each must end in a valid Spec or a ConfigException
/// with at least one error, never another exception type.
/// </summary>
public class ConfigFuzzTests
{
    static readonly string[] Samples =
    [
        "oci/full.json", "oci/config.json", "seed/minimal.json", "seed/attach_to_bridge.json",
        "seed/route_source_address_selection.json",
    ];

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 1000)]
    [InlineData(3, 1000)]
    public void Mutated_configs_end_in_a_spec_or_a_config_error(int seed, int rounds)
    {
        var rng = new Random(seed);
        string[] texts = [.. Samples.Select(s => File.ReadAllText(SeedConfigTests.Sample(s)))];
        int accepted = 0, rejected = 0;
        for (int round = 0; round < rounds; round++)
        {
            string text = texts[rng.Next(texts.Length)];
            int mutations = 1 + rng.Next(3);
            for (int m = 0; m < mutations; m++) text = Mutate(text, rng);
            if (Check(text, $"seed {seed} round {round}")) accepted++;
            else rejected++;
        }
        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    static bool Check(string text, string where)
    {
        Spec spec;
        try
        {
            spec = ConfigLoader.Parse(text, "fuzz.json");
        }
        catch (ConfigException e)
        {
            Assert.NotEmpty(e.Errors);
            // These two are the loader's safety nets for bugs elsewhere: they must never be needed.
            Assert.DoesNotContain(e.Errors, x => x.Message.StartsWith("cannot convert the container.json", StringComparison.Ordinal)
                                                 || x.Message.StartsWith("cannot read the config:", StringComparison.Ordinal));
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"{where}: {e.GetType().Name}: {e.Message}\n--- input ---\n{text}");
            throw;
        }

        // An accepted spec is really valid, serialisable, and reads back the same.
        var lenient = new ValidationOptions { RequireProcessArgs = false };
        Assert.Empty(ConfigValidator.Validate(spec, lenient));
        string json = ConfigLoader.ToJson(spec);
        Spec again = ConfigLoader.Parse(json, null, new ConfigLoadOptions { RequireProcessArgs = false });
        Assert.Equal(json, ConfigLoader.ToJson(again));
        SpecNetworks.GetNetworks(spec);
        SpecNetworks.GetRoutes(spec);
        return true;
    }

    internal static string Mutate(string text, Random rng)
    {
        switch (rng.Next(10))
        {
            case 0:
                return text[..rng.Next(text.Length + 1)];
            case 1:
            {
                var sb = new StringBuilder(text);
                int n = 1 + rng.Next(4);
                for (int i = 0; i < n && sb.Length > 0; i++)
                    sb[rng.Next(sb.Length)] = (char)rng.Next(0, 256);
                return sb.ToString();
            }
            case 2:
            {
                int at = rng.Next(text.Length + 1);
                return text[..at] + RandomChars(rng) + text[at..];
            }
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        }
        catch (System.Text.Json.JsonException)
        {
            return text + RandomChars(rng);
        }
        if (root is null) return text;
        List<JsonNode> nodes = [];
        Collect(root, nodes);
        JsonNode target = nodes[rng.Next(nodes.Count)];
        JsonNode? parent = target.Parent;

        switch (rng.Next(4))
        {
            case 0 when parent is JsonObject po:
                po.Remove(target.GetPropertyName());
                break;
            case 0 when parent is JsonArray pa:
                pa.RemoveAt(target.GetElementIndex());
                break;
            case 1 when parent is not null:
                Replace(target, RandomValue(rng));
                break;
            case 2 when parent is JsonArray dup:
                dup.Add(target.DeepClone());
                break;
            case 2 when target is JsonObject obj:
                obj[RandomKey(rng)] = RandomValue(rng);
                break;
            default:
                if (parent is not null) Replace(target, Retype(target, rng));
                break;
        }
        return root.ToJsonString();
    }

    static void Replace(JsonNode target, JsonNode? value)
    {
        switch (target.Parent)
        {
            case JsonObject o: o[target.GetPropertyName()] = value; break;
            case JsonArray a: a[target.GetElementIndex()] = value; break;
        }
    }

    static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        if (node is JsonObject o)
            foreach (KeyValuePair<string, JsonNode?> p in o.ToList())
                if (p.Value is not null) Collect(p.Value, into);
        if (node is JsonArray a)
            foreach (JsonNode? item in a.ToList())
                if (item is not null) Collect(item, into);
    }

    static readonly string[] Keys =
    [
        "type", "path", "destination", "options", "major", "minor", "uidMappings", "namespaces", "hostname", "args",
        "cwd", "x-unknown", "limit", "swap", "NEWUSER", "networks", "user", "capabilities", "annotations", "linux",
    ];

    static string RandomKey(Random rng) => Keys[rng.Next(Keys.Length)];

    static JsonNode? RandomValue(Random rng) => rng.Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(rng.Next(-3, 3)),
        2 => JsonValue.Create(long.MaxValue - rng.Next(3)),
        3 => JsonValue.Create(-rng.NextInt64()),
        4 => JsonValue.Create(rng.NextDouble() * 1e6),
        5 => JsonValue.Create(rng.Next(2) == 0),
        6 => JsonValue.Create(RandomChars(rng)),
        7 => JsonValue.Create(new[] { "", "/", "rel", "pidd", "CAP_X", "-1", "0-3,5", "c", "NEWPID", "veth", "../x", "a:b:c" }[rng.Next(12)]),
        8 => new JsonObject(),
        9 => new JsonArray(),
        10 => new JsonArray(JsonValue.Create(RandomChars(rng)), null),
        _ => new JsonObject { [RandomKey(rng)] = JsonValue.Create(rng.Next(-2, 100)) },
    };

    /// <summary>The same value as another JSON type: "5" ↔ 5, true ↔ "true", [x] ↔ x, {…} ↔ [].</summary>
    static JsonNode? Retype(JsonNode node, Random rng)
    {
        if (node is JsonArray a) return a.Count > 0 && a[0] is { } first ? first.DeepClone() : new JsonObject();
        if (node is JsonObject) return new JsonArray();
        if (node is JsonValue v)
        {
            if (v.TryGetValue(out string? s)) return long.TryParse(s, out long n) ? JsonValue.Create(n) : new JsonArray(JsonValue.Create(s));
            return JsonValue.Create(v.ToJsonString());
        }
        return RandomValue(rng);
    }

    static string RandomChars(Random rng)
    {
        const string alphabet = "{}[]\":,0123456789-eE.truefalsnl \\/\u00e9\u4e2d\t\n";
        var sb = new StringBuilder();
        int n = rng.Next(1, 8);
        for (int i = 0; i < n; i++) sb.Append(alphabet[rng.Next(alphabet.Length)]);
        return sb.ToString();
    }
}
