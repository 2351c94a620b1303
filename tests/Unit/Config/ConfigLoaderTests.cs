using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Config;

public class ConfigLoaderTests
{
    const string Minimal = """
        {
          "ociVersion": "1.3.0",
          "process": { "user": { "uid": 0, "gid": 0 }, "args": ["sh"], "cwd": "/" },
          "root": { "path": "rootfs" },
          "x-top": { "kept": [1, 2] }
        }
        """;

    [Fact]
    public void Parse_reads_oci_and_keeps_unknown_fields()
    {
        Spec spec = ConfigLoader.Parse(Minimal);
        Assert.Equal("1.3.0", spec.OciVersion);
        Assert.Equal(["sh"], spec.Process!.Args!);
        Assert.Equal("rootfs", spec.Root!.Path);
        Assert.Contains("\"x-top\"", ConfigLoader.ToJson(spec));
        Spec again = ConfigLoader.Parse(ConfigLoader.ToJson(spec));
        Assert.Equal(ConfigLoader.ToJson(spec), ConfigLoader.ToJson(again));
    }

    [Fact]
    public void Malformed_json_names_line_and_column()
    {
        string json = "{\n  \"ociVersion\": \"1.3.0\",\n  \"root\": { \"path\": x }\n}";
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json, "config.json"));
        ConfigError error = Assert.Single(e.Errors);
        Assert.StartsWith("malformed JSON at line 3, column 21:", error.Message);
        Assert.Contains("config.json", e.Message);
        Assert.Equal(ContainerErrorKind.ConfigInvalid, e.Kind);
    }

    [Fact]
    public void Wrong_type_names_path_line_and_column()
    {
        string json = "{\n  \"ociVersion\": \"1.3.0\",\n  \"process\": { \"user\": { \"uid\": -1 }, \"args\": [\"sh\"] },\n  \"root\": { \"path\": \"r\" }\n}";
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json));
        ConfigError error = Assert.Single(e.Errors);
        Assert.Equal("process.user.uid", error.Path);
        Assert.Equal("value has the wrong type (expected an integer 0..4294967295) (at line 3, column 35)", error.Message);
    }

    [Fact]
    public void Null_for_a_required_member_is_a_config_error()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{"ociVersion":"1.3.0","root":{"path":null}}"""));
        Assert.Equal("root.path", e.Errors[0].Path);
        Assert.StartsWith("null is not allowed here", e.Errors[0].Message);
    }

    [Fact]
    public void OciVersion_is_required_in_a_file()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{"root":{"path":"r"},"process":{"args":["sh"]}}"""));
        Assert.Equal("ociVersion: is required (expected 1.x.y)", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Comments_are_accepted()
    {
        Spec spec = ConfigLoader.Parse("{\n // bundle\n \"ociVersion\": \"1.0.2-dev\", \"root\": {\"path\": \"r\"}\n}");
        Assert.Equal("1.0.2-dev", spec.OciVersion);
    }

    [Theory] // as runc (Go's encoding/json): a trailing comma is a syntax error, with its line and column
    [InlineData("{\"ociVersion\": \"1.0.2\", \"root\": {\"path\": \"r\",}}", 1)]
    [InlineData("{\"ociVersion\": \"1.0.2\",\n \"process\": {\"args\": [\"sh\",]}}", 2)]
    [InlineData("{\"ociVersion\": \"1.0.2\",\n}", 2)]
    public void Trailing_commas_are_refused(string json, int line)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json));
        Assert.Matches($@"malformed JSON at line {line}, column \d+: ", e.Errors[0].ToString());
    }

    [Fact]
    public void A_byte_order_mark_is_refused_as_runc_does()
    {
        string file = Path.Combine(Path.GetTempPath(), "bom-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. "{\"ociVersion\": \"1.0.2\", \"root\": {\"path\": \"r\"}, \"process\": {\"args\": [\"sh\"]}}"u8]);
        try
        {
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(file));
            Assert.Equal("$: malformed JSON at line 1, column 1: a UTF-8 byte order mark is not allowed (runc refuses it too)", e.Errors[0].ToString());
        }
        finally { File.Delete(file); }
    }

    [Theory] // .NET's texts are bare resource keys in the NativeAOT nsinit: they are put in words
    [InlineData("ArrayDepthTooLarge, 64", "nested deeper than 64 levels")]
    [InlineData("CannotReadIncompleteUTF16", "a string holds half of a UTF-16 surrogate pair")]
    [InlineData("SomeNewKey, 3, x", "some new key (3, x)")]
    [InlineData("The JSON value is incomplete", "The JSON value is incomplete")]
    public void Resource_keys_are_put_in_words(string key, string words)
        => Assert.Equal(words, JsonErrorText.Words(key));

    [Fact]
    public void Syntax_error_at_the_end_names_the_last_line()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("{\n  \"ociVersion\": \"1.3.0\",\n  \"root\": {"));
        Assert.Matches(@"^\$: malformed JSON at line 3, column \d+: ", e.Errors[0].ToString());
    }

    [Fact]
    public void Column_counts_characters_not_bytes()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("{\"hostname\": \"\u00e9\u00e9\u00e9\", x}"));
        Assert.StartsWith("malformed JSON at line 1, column 21:", e.Errors[0].Message);
    }

    [Fact]
    public void Top_level_must_be_an_object()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("[1]"));
        Assert.Equal("$: a config must be a JSON object, not an array", e.Errors[0].ToString());
    }

    [Fact]
    public void LoadBundle_resolves_root_against_the_bundle()
    {
        string dir = Directory.CreateTempSubdirectory("lc-config-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "config.json"), Minimal);
            Spec spec = ConfigLoader.LoadBundle(dir);
            Assert.Equal(Path.Combine(dir, "rootfs"), spec.Root!.Path);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Missing_file_is_a_config_error()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("/nonexistent/config.json"));
        Assert.Equal("open '/nonexistent/config.json': no such file or directory (ENOENT)", e.Errors[0].Message);
        Assert.Throws<ConfigException>(() => ConfigLoader.LoadBundle("/nonexistent"));
    }
}
