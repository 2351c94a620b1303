using System.Management.Automation;
using System.Management.Automation.Language;

namespace LibContainer.PowerShell.Commands;

/// <summary>
/// The arguments written after the program belong to the program. PowerShell's binder runs before the cmdlet and
/// takes any `-x` it can match by prefix as one of the cmdlet's parameters: `grep -v` becomes -Verbose, `ls -t` -Tty,
/// `sh -c` -Confirm. This reads the cmdlet's own invocation (its syntax tree), puts such abbreviated tokens back into
/// the program's arguments where they were written, and reports them so the cmdlet ignores those parameters. A
/// parameter written after the program in full or as its alias (-ErrorAction, -ea, -Tty) stays the cmdlet's. A token
/// that already changed how PowerShell runs the cmdlet (-ErrorAction, -OutVariable, -WhatIf, …) cannot be given back:
/// that is a terminating error saying to put `--` before the program. Tokens PowerShell cannot bind at all
/// (ambiguous, such as -e or -i) fail in the binder before the cmdlet runs.
/// </summary>
internal sealed class ProgramArguments
{
    private static readonly HashSet<string> GivenBackCommon = new(StringComparer.OrdinalIgnoreCase) { "Verbose", "Debug", "Confirm" };

    private ProgramArguments(string[] argv, HashSet<string> reclaimed)
    {
        Argv = argv;
        Reclaimed = reclaimed;
    }

    /// <summary>The program and its arguments, as written.</summary>
    public string[] Argv { get; }

    /// <summary>Parameters PowerShell bound from tokens written after the program (given back to it).</summary>
    public HashSet<string> Reclaimed { get; }

    public static ProgramArguments Resolve(InvocationInfo invocation, string[] bound, string programParameter)
    {
        var none = new ProgramArguments(bound, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        // InvocationInfo.Statement (PowerShell 7; the 5.1 reference assembly this builds against lacks it): the command's text.
        var statement = invocation.GetType().GetProperty("Statement")?.GetValue(invocation) as string;
        if (string.IsNullOrEmpty(statement) || invocation.MyCommand is not { } command) return none; // called from .NET
        var ast = Parser.ParseInput(statement, out _, out var errors);
        if (errors.Length > 0 || ast.Find(a => a is CommandAst, searchNestedScriptBlocks: false) is not CommandAst cmd) return none;
        var elements = cmd.CommandElements;
        if (elements.Any(e => e is VariableExpressionAst { Splatted: true })) return none; // what a splat binds is not written here

        var items = new List<(string? Text, string? Parameter, CommandElementAst? Value)>(); // Text null: a positional value
        var programSeen = false;
        for (int i = 1; i < elements.Count; i++)
        {
            if (elements[i] is not CommandParameterAst p)
            {
                programSeen = true;
                items.Add((null, null, null));
                continue;
            }
            if (p.ParameterName == "-") continue; // `--`: everything after it is a value already
            var meta = Find(command.Parameters, p.ParameterName);
            if (meta is null) // not one of ours: the binder passed it on as a value
            {
                if (programSeen) items.Add((null, null, null));
                continue;
            }
            var value = !meta.SwitchParameter && p.Argument is null && i + 1 < elements.Count ? elements[++i] : null;
            // Written out in full or as its alias (-ErrorAction, -ea, -Tty), it is the cmdlet's; abbreviated, the program's.
            var exact = string.Equals(meta.Name, p.ParameterName, StringComparison.OrdinalIgnoreCase)
                || meta.Aliases.Contains(p.ParameterName, StringComparer.OrdinalIgnoreCase);
            if (programSeen && !exact) items.Add((p.Extent.Text, meta.Name, value));
        }
        var reclaimed = items.Where(x => x.Parameter is not null).Select(x => x.Parameter!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (reclaimed.Count == 0) return none;

        var program = bound.Length > 0 ? bound[0] : "the program";
        foreach (var (text, name, _) in items.Where(x => x.Parameter is not null))
        {
            var common = PSCmdlet.CommonParameters.Contains(name!) || PSCmdlet.OptionalCommonParameters.Contains(name!);
            if ((common && !GivenBackCommon.Contains(name!)) || string.Equals(name, programParameter, StringComparison.OrdinalIgnoreCase))
                throw Refused(text!, name!, program);
        }
        if (items.Count(x => x.Text is null) != bound.Length) throw Refused(items.First(x => x.Parameter is not null).Text!, "", program);

        var argv = new List<string>();
        int next = 0;
        foreach (var (text, name, value) in items)
        {
            if (text is null) { argv.Add(bound[next++]); continue; }
            argv.Add(text);
            if (value is not null) argv.Add(ValueText(value, invocation.BoundParameters.TryGetValue(name!, out var v) ? v : null));
        }
        return new ProgramArguments([.. argv], reclaimed);
    }

    private static ParameterMetadata? Find(Dictionary<string, ParameterMetadata> parameters, string written)
    {
        foreach (var m in parameters.Values)
            if (string.Equals(m.Name, written, StringComparison.OrdinalIgnoreCase) || m.Aliases.Contains(written, StringComparer.OrdinalIgnoreCase))
                return m;
        var prefixed = parameters.Values.Where(m => m.Name.StartsWith(written, StringComparison.OrdinalIgnoreCase)
            || m.Aliases.Any(a => a.StartsWith(written, StringComparison.OrdinalIgnoreCase))).ToList();
        if (prefixed.Count == 1) return prefixed[0];
        // The binder settles a tie in favour of the cmdlet's own parameter (-w: -WorkingDirectory over -WarningAction).
        var own = prefixed.Where(m => !PSCmdlet.CommonParameters.Contains(m.Name) && !PSCmdlet.OptionalCommonParameters.Contains(m.Name)).ToList();
        return own.Count == 1 ? own[0] : null;
    }

    private static string ValueText(CommandElementAst value, object? bound) => value switch
    {
        StringConstantExpressionAst s => s.Value,
        ConstantExpressionAst c => c.Value?.ToString() ?? "",
        _ => LanguagePrimitives.ConvertTo<string>(bound is PSObject o ? o.BaseObject : bound) ?? "",
    };

    private static ArgumentException Refused(string token, string parameter, string program) => new(
        $"'{token}' after the program '{program}' was taken by PowerShell as {(parameter.Length > 0 ? "-" + parameter : "a parameter")} " +
        "of this cmdlet, not passed to the program, and cannot be given back. Put -- before the program to pass every argument " +
        $"through as written, e.g. Invoke-ContainerProcess -Name NAME -- {program} {token} …");
}
