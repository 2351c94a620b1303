using System.Text;
using System.Text.Json;
using LibContainer.Json;
using Xunit;

namespace LibContainer.Tests.Config;

public sealed class MinimalJsonEncoderTests
{
    private static string Write(string value)
    {
        var buf = new MemoryStream();
        using (var w = new Utf8JsonWriter(buf, MinimalJsonEncoder.WriterOptions)) w.WriteStringValue(value);
        return Encoding.UTF8.GetString(buf.ToArray());
    }

    [Theory]
    [InlineData("plain /usr/bin:+<>&'", "\"plain /usr/bin:+<>&'\"")]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    [InlineData("a\nb\tc\u0001", "\"a\\nb\\tc\\u0001\"")]
    [InlineData("héllo ✓ 😀", "\"héllo ✓ 😀\"")]
    public void Escapes_Only_What_Json_Requires(string value, string expected) => Assert.Equal(expected, Write(value));

    [Theory]
    [InlineData("plain")]
    [InlineData("q\"b\\ \n\r\t\b\f \u001f")]
    [InlineData("héllo ✓ 😀 <script>&")]
    public void Output_Parses_Back_To_The_Same_String(string value)
        => Assert.Equal(value, JsonDocument.Parse(Write(value)).RootElement.GetString());

    [Fact]
    public void Property_Names_Are_Escaped_Too()
    {
        var buf = new MemoryStream();
        using (var w = new Utf8JsonWriter(buf, MinimalJsonEncoder.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("a\"b", "v");
            w.WriteEndObject();
        }
        Assert.Equal("{\"a\\\"b\":\"v\"}", Encoding.UTF8.GetString(buf.ToArray()));
    }
}
