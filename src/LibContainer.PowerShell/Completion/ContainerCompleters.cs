using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell;

/// <summary>Tab completion of container names (state read from the state root).</summary>
public sealed class ContainerNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Complete(wordToComplete, c => c.Name, c => $"{c.Name} ({c.ShortId}, {c.State})");

    internal static IEnumerable<CompletionResult> Complete(string word, Func<Container, string> key, Func<Container, string> tip)
    {
        var prefix = word.Trim('\'', '"');
        var pattern = new WildcardPattern(prefix + "*", WildcardOptions.IgnoreCase);
        IEnumerable<Container> all;
        try { all = ContainerCatalog.List().ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { yield break; }
        foreach (var c in all.OrderBy(key, StringComparer.OrdinalIgnoreCase))
        {
            var text = key(c);
            if (!pattern.IsMatch(text)) continue;
            var quoted = text.IndexOfAny([' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '&', '@', '#']) >= 0
                ? "'" + text.Replace("'", "''") + "'" : text;
            yield return new CompletionResult(quoted, text, CompletionResultType.ParameterValue, tip(c));
        }
    }
}

/// <summary>Tab completion of container ids.</summary>
public sealed class ContainerIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ContainerNameCompleter.Complete(wordToComplete, c => c.Id, c => $"{c.Name} ({c.State})");
}
