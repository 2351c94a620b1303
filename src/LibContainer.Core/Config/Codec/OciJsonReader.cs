using System.Text.Json;

namespace LibContainer.Config.Codec;

/// <summary>Reads one property value of <typeparamref name="T"/> into an object being read; false when the name is
/// not one of the type's (the value then goes to ExtensionData).</summary>
internal delegate bool ReadProperty<in T>(ref OciJsonReader r, T target, string name);

/// <summary>Reads the value the reader is on (first token of it) and leaves the reader on its last token.</summary>
internal delegate T ReadValue<out T>(ref OciJsonReader r);

/// <summary>
/// A Utf8JsonReader that knows the JSON path it is at, so wrong-typed values fail the way System.Text.Json's
/// serializer fails for the OCI model: a JsonException with the same message, path, line and byte position.
/// Every Read* method starts on the first token of a value and ends on its last token.
/// </summary>
internal ref partial struct OciJsonReader
{
    /// <summary>What OciJsonContext and ConfigLoader accept: comments and trailing commas.</summary>
    public static readonly JsonReaderOptions Options = new()
    {
        AllowTrailingCommas = false, // runc (Go encoding/json) refuses them
        CommentHandling = JsonCommentHandling.Skip,
    };

    Utf8JsonReader _reader;
    readonly ReadOnlySpan<byte> _source;
    readonly JsonPathStack _path;

    public OciJsonReader(ReadOnlySpan<byte> utf8)
    {
        _reader = new Utf8JsonReader(utf8, Options);
        _source = utf8;
        _path = new JsonPathStack();
    }

    public readonly JsonTokenType Token => _reader.TokenType;

    /// <summary>Reads a whole document holding one value (nothing but comments and whitespace after it).</summary>
    public static T ReadDocument<T>(ReadOnlySpan<byte> utf8, ReadValue<T> read)
    {
        var r = new OciJsonReader(utf8);
        try
        {
            r.Next();
            T value = read(ref r);
            while (r._reader.Read()) { } // throws on anything after the value
            return value;
        }
        catch (JsonException e) when (e.Path is null)
        {
            // A syntax error from the reader itself: add where it happened, as the serializer does.
            string message = e.Message;
            int tail = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
            if (tail >= 0) message = message[..tail];
            throw Located(message, r._path.ToString(), e.LineNumber, e.BytePositionInLine, e);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
        {
            throw r.Fail(e.Message, atToken: true);
        }
    }

    void Next()
    {
        if (!_reader.Read())
            throw Fail("The JSON value is incomplete");
    }

    /// <summary>Reads an object: null for JSON null, the declared properties through <paramref name="property"/>,
    /// the others into ExtensionData.</summary>
    public T? Object<T>(string typeName, ReadProperty<T> property) where T : JsonObjectBase, new()
    {
        if (_reader.TokenType == JsonTokenType.Null) return null;
        if (_reader.TokenType != JsonTokenType.StartObject) throw WrongType(typeName);
        var target = new T();
        while (true)
        {
            Next();
            if (_reader.TokenType == JsonTokenType.EndObject) return target;
            string name = _reader.GetString()!;
            _path.PushName(name);
            Next();
            if (!property(ref this, target, name))
                (target.ExtensionData ??= new Dictionary<string, JsonElement>())[name] = JsonElement.ParseValue(ref _reader);
            _path.Pop();
        }
    }

    /// <summary>An object member that must not be null (RespectNullableAnnotations).</summary>
    public T Required<T>(T? value, string ownerTypeName) where T : class
        => value ?? throw NullNotAllowed(ownerTypeName);

    /// <summary>A JSON array as a list (null for JSON null); entries may be null where <paramref name="item"/> allows.</summary>
    public List<T>? List<T>(string typeName, ReadValue<T> item)
    {
        if (_reader.TokenType == JsonTokenType.Null) return null;
        if (_reader.TokenType != JsonTokenType.StartArray) throw WrongType(typeName);
        var list = new List<T>();
        while (true)
        {
            _path.PushIndex(list.Count); // a syntax error before the next entry is reported at that entry
            Next();
            if (_reader.TokenType == JsonTokenType.EndArray)
            {
                _path.Pop();
                return list;
            }
            list.Add(item(ref this));
            _path.Pop();
        }
    }

    /// <summary>A JSON object as a string-keyed map (null for JSON null).</summary>
    public Dictionary<string, T>? Map<T>(string typeName, ReadValue<T> item)
    {
        if (_reader.TokenType == JsonTokenType.Null) return null;
        if (_reader.TokenType != JsonTokenType.StartObject) throw WrongType(typeName);
        var map = new Dictionary<string, T>();
        bool inEntry = false;
        while (true)
        {
            Next();
            // The serializer keeps the last key in the path until the next token reads (a syntax error after an
            // entry names that entry); objects drop the name as soon as the value is read.
            if (inEntry) _path.Pop();
            if (_reader.TokenType == JsonTokenType.EndObject) return map;
            string key = _reader.GetString()!;
            _path.PushName(key);
            inEntry = true;
            Next();
            map[key] = item(ref this);
        }
    }

    public List<string>? StringList() => List(ListOfString, static (ref OciJsonReader r) => r.String()!);

    public Dictionary<string, string>? StringMap() => Map(MapOfString, static (ref OciJsonReader r) => r.String()!);

    public const string ListOfString = "System.Collections.Generic.List`1[System.String]";
    public const string MapOfString = "System.Collections.Generic.Dictionary`2[System.String,System.String]";

    /// <summary>The serializer's message for a value of the wrong JSON type, at the current path and position.</summary>
    public JsonException WrongType(string typeName) => Fail($"The JSON value could not be converted to {typeName}.");

    JsonException NullNotAllowed(string ownerTypeName)
        => Fail($"The property or field '{_path.LastName}' on type '{ownerTypeName}' doesn't allow setting null values. Consider updating its nullability annotation.");

    JsonException Fail(string message, bool atToken = false)
    {
        // Utf8JsonReader keeps its line number to itself: count the lines of what it consumed.
        var consumed = _source[..(int)(atToken ? _reader.TokenStartIndex : _reader.BytesConsumed)];
        int lastNewline = consumed.LastIndexOf((byte)'\n');
        long line = consumed.Count((byte)'\n');
        return Located(message, _path.ToString(), line, consumed.Length - (lastNewline + 1), null);
    }

    // The serializer's wording: "<what>. Path: $.a.b | LineNumber: 2 | BytePositionInLine: 7."
    static JsonException Located(string message, string path, long? line, long? position, Exception? inner)
        => new($"{message} Path: {path} | LineNumber: {line} | BytePositionInLine: {position}.", path, line, position, inner);
}
