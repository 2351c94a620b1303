using System.Buffers;
using System.Text;

namespace LibContainer.Config.Codec;

/// <summary>Where a reader is ("$.process.args[0]"), written the way System.Text.Json writes JsonException.Path:
/// names with dots, spaces, quotes, brackets … as ['name'].</summary>
internal sealed class JsonPathStack
{
    static readonly SearchValues<char> Special = SearchValues.Create(". '/\"[]()\t\n\r\f\b\\\u0085\u2028\u2029");

    readonly List<string?> _names = [];
    readonly List<int> _indices = [];

    public void PushName(string name)
    {
        _names.Add(name);
        _indices.Add(-1);
    }

    public void PushIndex(int index)
    {
        _names.Add(null);
        _indices.Add(index);
    }

    public void Pop()
    {
        _names.RemoveAt(_names.Count - 1);
        _indices.RemoveAt(_indices.Count - 1);
    }

    /// <summary>The innermost property name (for "property … doesn't allow null").</summary>
    public string LastName => _names.Count > 0 ? _names[^1] ?? "" : "";

    public override string ToString()
    {
        var sb = new StringBuilder("$");
        for (int i = 0; i < _names.Count; i++)
        {
            if (_names[i] is not { } name) sb.Append('[').Append(_indices[i]).Append(']');
            else if (name.AsSpan().IndexOfAny(Special) >= 0) sb.Append("['").Append(name).Append("']");
            else sb.Append('.').Append(name);
        }
        return sb.ToString();
    }
}
