using System.Text.Json;

namespace LibContainer.Config.Codec;

// Strings, booleans and numbers with the serializer's rules: no strings for numbers, no numbers for strings, integers
// only in the range of the member's type, null only for nullable members.
internal ref partial struct OciJsonReader
{
    const string StringType = "System.String", BoolType = "System.Boolean";

    /// <summary>A string, or null for JSON null.</summary>
    public string? String()
    {
        if (_reader.TokenType == JsonTokenType.Null) return null;
        if (_reader.TokenType != JsonTokenType.String) throw WrongType(StringType);
        // A lone surrogate escape (\uD83e) cannot become a string: the serializer says so as a conversion failure.
        try { return _reader.GetString(); }
        catch (InvalidOperationException) { throw WrongType(StringType); }
    }

    /// <summary>A string member that must not be null.</summary>
    public string RequiredString(string ownerTypeName)
        => _reader.TokenType == JsonTokenType.Null ? throw NullNotAllowed(ownerTypeName) : String()!;

    public bool Bool() => _reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw WrongType(BoolType),
    };

    public bool? NullableBool() => _reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw WrongType("System.Nullable`1[System.Boolean]"),
    };

    public int Int32() => NumberInt32("System.Int32");

    int NumberInt32(string typeName)
    {
        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetInt32(out int value)) throw WrongType(typeName);
        return value;
    }

    public int? NullableInt32() => _reader.TokenType == JsonTokenType.Null ? null : NumberInt32("System.Nullable`1[System.Int32]");

    public uint UInt32() => NumberUInt32("System.UInt32");

    uint NumberUInt32(string typeName)
    {
        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetUInt32(out uint value)) throw WrongType(typeName);
        return value;
    }

    public uint? NullableUInt32() => _reader.TokenType == JsonTokenType.Null ? null : NumberUInt32("System.Nullable`1[System.UInt32]");

    public long Int64() => NumberInt64("System.Int64");

    long NumberInt64(string typeName)
    {
        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetInt64(out long value)) throw WrongType(typeName);
        return value;
    }

    public long? NullableInt64() => _reader.TokenType == JsonTokenType.Null ? null : NumberInt64("System.Nullable`1[System.Int64]");

    public ulong UInt64() => NumberUInt64("System.UInt64");

    ulong NumberUInt64(string typeName)
    {
        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetUInt64(out ulong value)) throw WrongType(typeName);
        return value;
    }

    public ulong? NullableUInt64() => _reader.TokenType == JsonTokenType.Null ? null : NumberUInt64("System.Nullable`1[System.UInt64]");

    public ushort UInt16() => NumberUInt16("System.UInt16");

    ushort NumberUInt16(string typeName)
    {
        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetUInt16(out ushort value)) throw WrongType(typeName);
        return value;
    }

    public ushort? NullableUInt16() => _reader.TokenType == JsonTokenType.Null ? null : NumberUInt16("System.Nullable`1[System.UInt16]");

    public static List<uint>? UInt32List(ref OciJsonReader r)
        => r.List("System.Collections.Generic.List`1[System.UInt32]", static (ref OciJsonReader x) => x.UInt32());
}
