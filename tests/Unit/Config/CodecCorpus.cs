using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LibContainer.Config;
using LibContainer.Config.Codec;
using Xunit;

namespace LibContainer.Tests.Config;

/// <summary>The configs the codec is checked on, and System.Text.Json's OciJsonContext as the reference it must match
/// (the serializer stays in the tests only).</summary>
internal static class CodecCorpus
{
    public static readonly OciJsonContext Indented = OciJsonContext.Default;
    public static readonly OciJsonContext IndentedPlain = new(new JsonSerializerOptions(OciJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
    public static readonly OciJsonContext CompactPlain = new(new JsonSerializerOptions(OciJsonContext.Default.Options)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Config", "Fixtures", name);

    /// <summary>Names of every config file the tests use, OCI ones as text, seed ones through the seed reader.</summary>
    public static IEnumerable<object[]> Configs()
    {
        yield return ["fixture:maximal.json"];
        foreach (string f in Directory.GetFiles(SeedConfigTests.Sample("oci"), "*.json").Order())
            yield return ["oci:" + Path.GetFileName(f)];
        foreach (string f in Directory.GetFiles(SeedConfigTests.Sample("seed"), "*.json").Order())
            yield return ["seed:" + Path.GetFileName(f)];
        if (Directory.Exists(SharedSeeds))
            foreach (string f in Directory.GetFiles(SharedSeeds, "*.json").Order())
                yield return ["shared-seed:" + Path.GetFileName(f)];
        yield return ["defaults:root"];
        yield return ["defaults:rootless"];
        yield return ["defaults:rootless-1000"];
    }

    const string SharedSeeds = "/work/shared/seed-configs";

    /// <summary>The JSON text of a corpus entry (seed configs and defaults: the serializer's text of the Spec).</summary>
    public static string Text(string name)
    {
        string file = name[(name.IndexOf(':') + 1)..];
        return name.Split(':')[0] switch
        {
            "fixture" => File.ReadAllText(Fixture(file)),
            "oci" => File.ReadAllText(SeedConfigTests.Sample(Path.Combine("oci", file))),
            _ => JsonSerializer.Serialize(Spec(name), IndentedPlain.Spec),
        };
    }

    /// <summary>The Spec of a corpus entry, as the serializer reads it (seed configs: as the seed reader builds it).</summary>
    public static Spec Spec(string name)
    {
        string file = name[(name.IndexOf(':') + 1)..];
        return name.Split(':')[0] switch
        {
            "seed" => ConfigLoader.Load(SeedConfigTests.Sample(Path.Combine("seed", file))),
            "shared-seed" => ConfigLoader.Load(Path.Combine(SharedSeeds, file)),
            "defaults" => file switch
            {
                "root" => SpecDefaults.Create(),
                "rootless" => SpecDefaults.Create(true),
                _ => SpecDefaults.Create(true, 1000, 1000),
            },
            _ => JsonSerializer.Deserialize(Text(name), Indented.Spec)!,
        };
    }

    static string Show<T>(T? value, JsonTypeInfo<T> info) => value is null ? "null" : JsonSerializer.Serialize(value, info);

    /// <summary>Reads <paramref name="text"/> with the serializer and with the codec: both must give the same object
    /// (compared through the serializer's output) or both the same JsonException (path, line, position, and the
    /// ConfigError the loader makes of it).</summary>
    public static void AssertSameRead<T>(string text, Func<string, T?> codec, JsonTypeInfo<T> info)
    {
        T? expected = default, actual = default;
        Exception? stjError = null, codecError = null;
        try { expected = JsonSerializer.Deserialize(text, info); }
        catch (Exception e) { stjError = e; }
        try { actual = codec(text); }
        catch (Exception e) { codecError = e; }

        if (stjError is null && codecError is null)
        {
            Assert.Equal(Show(expected, info), Show(actual, info));
            return;
        }
        Assert.True(stjError is JsonException && codecError is JsonException,
            $"serializer: {Describe(stjError)}\ncodec: {Describe(codecError)}\n--- input ---\n{text}");
        var (a, b) = ((JsonException)stjError!, (JsonException)codecError!);
        Assert.True((a.Path, a.LineNumber, a.BytePositionInLine) == (b.Path, b.LineNumber, b.BytePositionInLine),
            $"serializer: {Describe(a)}\ncodec: {Describe(b)}\n--- input ---\n{text}");
        Assert.Equal(a.Message, b.Message);
        Assert.Equal(JsonErrorText.FromBinding(a, text).ToString(), JsonErrorText.FromBinding(b, text).ToString());
    }

    static string Describe(Exception? e) => e is null ? "no error"
        : e is JsonException j ? $"{e.GetType().Name} {j.Path} line {j.LineNumber} pos {j.BytePositionInLine}: {e.Message}"
        : $"{e.GetType().Name}: {e.Message}";

    /// <summary>SpecWriter's bytes for each of the three layouts the runtime writes, beside the serializer's.</summary>
    public static void AssertSameWrite<T>(T value, Action<Utf8JsonWriter, T> write, Func<OciJsonContext, JsonTypeInfo<T>> info)
    {
        Assert.Equal(JsonSerializer.Serialize(value, info(Indented)), SpecWriter.ToJson(value, write, SpecWriter.Indented));
        Assert.Equal(JsonSerializer.Serialize(value, info(IndentedPlain)), SpecWriter.ToJson(value, write, SpecWriter.IndentedPlain));
        Assert.Equal(JsonSerializer.Serialize(value, info(CompactPlain)), SpecWriter.ToJson(value, write, SpecWriter.CompactPlain));
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(value, info(Indented)), SpecWriter.ToUtf8(value, write, SpecWriter.Indented));
    }
}
