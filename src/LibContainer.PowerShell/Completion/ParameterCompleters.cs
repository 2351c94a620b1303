using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace LibContainer.PowerShell;

/// <summary>Tab completion from a fixed list (case-insensitive prefix match, in the list's order).</summary>
public abstract class ListCompleter : IArgumentCompleter
{
    protected abstract IEnumerable<string> Values();

    /// <summary>A prefix every value has that users may leave out (CAP_): "chown" completes to CAP_CHOWN.</summary>
    protected virtual string OptionalPrefix => "";

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = wordToComplete.Trim('\'', '"');
        foreach (var v in Values())
            if (v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || v.StartsWith(OptionalPrefix + prefix, StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(v, v, CompletionResultType.ParameterValue, v);
    }
}

/// <summary>-Signal: Core's signal names (TERM, KILL, HUP, …).</summary>
public sealed class SignalCompleter : ListCompleter
{
    protected override IEnumerable<string> Values() => global::LibContainer.Runtime.Signals.All;
}

/// <summary>-Capability: Core's capability table (CAP_CHOWN … CAP_CHECKPOINT_RESTORE).</summary>
public sealed class CapabilityCompleter : ListCompleter
{
    protected override IEnumerable<string> Values() => global::LibContainer.Security.Capabilities.All;

    protected override string OptionalPrefix => "CAP_";
}

/// <summary>-Bridge: the host's bridges (interfaces with /sys/class/net/NAME/bridge).</summary>
public sealed class BridgeCompleter : ListCompleter
{
    protected override IEnumerable<string> Values()
    {
        try
        {
            return Directory.EnumerateDirectories("/sys/class/net").Where(d => Directory.Exists(Path.Combine(d, "bridge")))
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        }
        catch (IOException) { return []; }
    }
}
