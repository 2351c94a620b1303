using System.Text;

namespace LibContainer;

/// <summary>Keeps errors readable whatever the input: a value echoed in an error is cut to 200 characters, with
/// its length said, so that a 10 MB option does not put 10 MB on stderr.</summary>
public static class ErrorText
{
    public const int MaxValue = 200;
    const int MaxMessage = 4096;

    /// <summary>The value as an error shows it: whole up to 200 characters, else its start and its length.</summary>
    public static string Value(string value)
        => value.Length <= MaxValue ? value : $"{value[..MaxValue]}… ({value.Length} characters)";

    /// <summary>Cuts every run of non-blank characters longer than 200 (a value, whatever quotes it), and the whole
    /// message beyond 4096 characters.</summary>
    public static string Cut(string message)
    {
        if (message.Length <= MaxValue) return message;
        var sb = new StringBuilder();
        int i = 0;
        while (i < message.Length)
        {
            int end = i;
            while (end < message.Length && !char.IsWhiteSpace(message[end])) end++;
            sb.Append(end - i > MaxValue ? Value(message[i..end]) : message.AsSpan(i, end - i));
            int blank = end;
            while (blank < message.Length && char.IsWhiteSpace(message[blank])) blank++;
            sb.Append(message.AsSpan(end, blank - end));
            i = blank;
        }
        string cut = sb.ToString();
        return cut.Length <= MaxMessage ? cut : $"{cut[..MaxMessage]}… ({message.Length} characters in all)";
    }
}
