using System.Text;
using System.Text.Json;

namespace LibContainer.Config;

/// <summary>Turns System.Text.Json exceptions into ConfigErrors with a config path and a 1-based line and column.</summary>
internal static class JsonErrorText
{
    public static ConfigError FromSyntax(JsonException e, string json)
        => new(ConfigPath(e.Path), $"malformed JSON at {Position(e, json)}: {Reason(e.Message)}");

    public static ConfigError FromBinding(JsonException e, string json)
        => new(ConfigPath(e.Path), $"{Describe(e.Message)} (at {Position(e, json)})");

    /// <summary>"$.linux.namespaces[2].type" → "linux.namespaces[2].type"; the whole document is "$".</summary>
    public static string ConfigPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$") return "$";
        if (jsonPath.StartsWith("$.", StringComparison.Ordinal)) return jsonPath[2..];
        return jsonPath.StartsWith("$[", StringComparison.Ordinal) ? jsonPath[1..] : jsonPath;
    }

    static string Position(JsonException e, string json)
    {
        if (e.LineNumber is not long line) return "an unknown position";
        long column = (e.BytePositionInLine ?? 0) + 1;
        // BytePositionInLine counts UTF-8 bytes; report characters, as an editor would.
        string? text = LineText(json, line);
        if (text is not null && e.BytePositionInLine is long bytes)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            column = Encoding.UTF8.GetCharCount(utf8, 0, (int)Math.Min(bytes, utf8.Length)) + 1;
        }
        return $"line {line + 1}, column {column}";
    }

    static string? LineText(string json, long line)
    {
        int start = 0;
        for (long i = 0; i < line; i++)
        {
            int nl = json.IndexOf('\n', start);
            if (nl < 0) return null;
            start = nl + 1;
        }
        int end = json.IndexOf('\n', start);
        return end < 0 ? json[start..] : json[start..end];
    }

    /// <summary>The exception text without the "Path: … | LineNumber: …" tail (we report those ourselves), and in
    /// words when it is a bare resource key (NativeAOT strips .NET's texts: "ArrayDepthTooLarge, 64").</summary>
    internal static string Reason(string message)
    {
        foreach (string marker in new[] { " Path: ", " LineNumber: ", " | LineNumber" })
        {
            int i = message.IndexOf(marker, StringComparison.Ordinal);
            if (i >= 0) message = message[..i];
        }
        return Words(message.TrimEnd('.', ' '));
    }

    static readonly Dictionary<string, string> KeyTexts = new()
    {
        ["ArrayDepthTooLarge"] = "nested deeper than {0} levels",
        ["ObjectDepthTooLarge"] = "nested deeper than {0} levels",
        ["DepthTooLarge"] = "nested deeper than {1} levels",
        ["CannotReadIncompleteUTF16"] = "a string holds half of a UTF-16 surrogate pair",
        ["CannotReadInvalidUTF16"] = "a string holds an invalid UTF-16 escape",
        ["CannotReadInvalidUTF8"] = "a string holds invalid UTF-8",
        ["CannotTranscodeInvalidUtf8"] = "a string holds invalid UTF-8",
        ["TrailingCommaNotAllowedBeforeArrayEnd"] = "a comma before ']' (trailing commas are not allowed)",
        ["TrailingCommaNotAllowedBeforeObjectEnd"] = "a comma before '}' (trailing commas are not allowed)",
        ["ExpectedEndAfterSingleJson"] = "more after the end of the document ({0})",
        ["EndOfStringNotFound"] = "a string is not closed",
        ["ExpectedStartOfValueNotFound"] = "a value was expected, found {0}",
        ["ExpectedStartOfPropertyNotFound"] = "a property name was expected, found {0}",
        ["ExpectedStartOfPropertyOrValueNotFound"] = "a property name or value was expected",
        ["ExpectedSeparatorAfterPropertyNameNotFound"] = "':' was expected after a property name, found {0}",
        ["ExpectedValueAfterPropertyNameNotFound"] = "a value was expected after ':'",
        ["ExpectedEndOfDigitNotFound"] = "a number ends with {0}",
        ["InvalidCharacterWithinString"] = "a string holds the control character {0} (escape it)",
        ["InvalidCharacterAfterEscapeWithinString"] = "a string holds the invalid escape \\{0}",
        ["FoundInvalidCharacter"] = "invalid character {0}",
        ["ZeroDepthAtEnd"] = "the document ends early",
        ["InvalidEndOfJsonNonPrimitive"] = "the document ends early",
    };

    /// <summary>A resource key ("Name" or "Name, arg, arg") in words: known keys by the table, others by splitting
    /// the name ("SomeThingWrong, 3" → "some thing wrong (3)"); any other text as it is.</summary>
    internal static string Words(string text)
    {
        int comma = text.IndexOf(", ", StringComparison.Ordinal);
        string key = comma < 0 ? text : text[..comma];
        if (key.Length == 0 || !char.IsAsciiLetterUpper(key[0]) || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) return text;
        string[] args = comma < 0 ? [] : text[(comma + 2)..].Split(", ");
        if (KeyTexts.TryGetValue(key, out var format))
        {
            for (int i = 0; i < args.Length; i++) format = format.Replace("{" + i + "}", args[i], StringComparison.Ordinal);
            return format;
        }
        var words = new StringBuilder();
        foreach (char c in key.Replace('_', ' '))
        {
            if (char.IsAsciiLetterUpper(c) && words.Length > 0 && words[^1] != ' ') words.Append(' ');
            words.Append(char.ToLowerInvariant(c));
        }
        return args.Length == 0 ? words.ToString() : $"{words} ({string.Join(", ", args)})";
    }

    static string Describe(string message)
    {
        const string convert = "The JSON value could not be converted to ";
        string reason = Reason(message);
        if (reason.StartsWith(convert, StringComparison.Ordinal))
            return $"value has the wrong type (expected {Friendly(reason[convert.Length..])})";
        if (reason.Contains("doesn't allow setting null values", StringComparison.Ordinal)
            || reason.Contains("does not allow null", StringComparison.OrdinalIgnoreCase))
            return "null is not allowed here";
        return reason;
    }

    static string Friendly(string typeName)
    {
        string t = typeName.Trim().TrimEnd('.');
        if (t.StartsWith("System.Nullable`1[", StringComparison.Ordinal)) t = t[18..].TrimEnd(']');
        return t switch
        {
            "System.String" => "a string",
            "System.Boolean" => "true or false",
            "System.UInt16" => "an integer 0..65535",
            "System.UInt32" => "an integer 0..4294967295",
            "System.UInt64" => "a non-negative integer",
            "System.Int32" => "a 32-bit integer",
            "System.Int64" => "an integer",
            _ when t.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) => "an array",
            _ when t.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal) => "an object",
            _ when t.StartsWith("LibContainer.", StringComparison.Ordinal) => "an object",
            _ => t,
        };
    }
}
