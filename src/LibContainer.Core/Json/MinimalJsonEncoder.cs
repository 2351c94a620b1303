using System.Text.Encodings.Web;

namespace LibContainer.Json;

/// <summary>
/// Escapes only what JSON requires: '"', '\', control characters, and lone surrogates (as \uXXXX); everything else,
/// non-ASCII included, is written as is (UTF-8). The writers nsinit uses on every command take this instead of the
/// default encoder, whose first use builds an allow-list of all of Unicode (a measurable part of a `run`); it also
/// keeps paths and annotations readable in state.json.
/// </summary>
public sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    public static readonly MinimalJsonEncoder Instance = new();

    /// <summary>Writer options with this encoder (compact output).</summary>
    public static readonly System.Text.Json.JsonWriterOptions WriterOptions = new() { Encoder = Instance };

    private MinimalJsonEncoder() { }

    public override int MaxOutputCharactersPerInputCharacter => 12; // a surrogate pair as two \uXXXX

    public override bool WillEncode(int unicodeScalar) => unicodeScalar < 0x20 || unicodeScalar is '"' or '\\'
        || (unicodeScalar is >= 0xD800 and <= 0xDFFF);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (int i = 0; i < textLength; i++)
        {
            char c = text[i];
            if (c < 0x20 || c == '"' || c == '\\') return i;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < textLength && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                return i;
            }
            if (char.IsLowSurrogate(c)) return i;
        }
        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        // Multi-byte sequences are left to the writer, which validates UTF-8 itself.
        for (int i = 0; i < utf8Text.Length; i++)
        {
            byte b = utf8Text[i];
            if (b < 0x20 || b == '"' || b == '\\') return i;
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        string text = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            > 0xFFFF => Hex(char.ConvertFromUtf32(unicodeScalar)[0]) + Hex(char.ConvertFromUtf32(unicodeScalar)[1]),
            _ => Hex((char)unicodeScalar),
        };
        numberOfCharactersWritten = 0;
        if (text.Length > bufferLength) return false;
        for (int i = 0; i < text.Length; i++) buffer[i] = text[i];
        numberOfCharactersWritten = text.Length;
        return true;
    }

    private static string Hex(char c) => "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
}
