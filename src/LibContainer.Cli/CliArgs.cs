namespace LibContainer.Cli;

/// <summary>A bad command line: printed with the usage line, exit code 1.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Flags and positionals of one command. Flags: --name, -name, --name=value, --name value; short aliases
/// map to long names. Repeatable value flags collect every value.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _values = new();

    public List<string> Positionals { get; } = new();

    public bool Has(string name) => _values.ContainsKey(name);
    public string? Value(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var v) ? v : new List<string>();

    public int IntValue(string name, int fallback = 0)
    {
        var v = Value(name);
        if (v is null) return fallback;
        if (!int.TryParse(v, out int n) || n < 0) throw new UsageException($"--{name}: '{v}' is not a non-negative number");
        return n;
    }

    /// <summary>Parses args[start..]. <paramref name="boolFlags"/>/<paramref name="valueFlags"/> are long names;
    /// <paramref name="aliases"/> maps short names. With <paramref name="stopAfterPositionals"/> = n, everything after the
    /// n-th positional is positional too (exec ID CMD ARGS...).</summary>
    public static CliArgs Parse(string[] args, int start, string[] boolFlags, string[] valueFlags,
        Dictionary<string, string>? aliases = null, int stopAfterPositionals = int.MaxValue)
    {
        var result = new CliArgs();
        for (int i = start; i < args.Length; i++)
        {
            string a = args[i];
            if (result.Positionals.Count >= stopAfterPositionals) { result.Positionals.Add(a); continue; }
            if (a == "--") { result.Positionals.AddRange(args[(i + 1)..]); break; }
            if (a.Length < 2 || a[0] != '-') { result.Positionals.Add(a); continue; }
            string name = a.TrimStart('-');
            string? inline = null;
            int eq = name.IndexOf('=');
            if (eq >= 0) { inline = name[(eq + 1)..]; name = name[..eq]; }
            if (aliases is not null && aliases.TryGetValue(name, out var longName)) name = longName;
            if (boolFlags.Contains(name))
            {
                if (inline is not null && inline is not ("true" or "false")) throw new UsageException($"flag --{name} takes no value");
                if (inline != "false") result.Add(name, "true");
                continue;
            }
            if (valueFlags.Contains(name))
            {
                if (inline is null)
                {
                    if (i + 1 >= args.Length) throw new UsageException($"flag needs an argument: --{name}");
                    inline = args[++i];
                }
                result.Add(name, inline);
                continue;
            }
            throw new UsageException($"flag provided but not defined: {a}");
        }
        return result;
    }

    private void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list)) _values[name] = list = new List<string>();
        list.Add(value);
    }

    public string RequireId(string command)
    {
        if (Positionals.Count < 1) throw new UsageException($"\"{command}\" requires a container id");
        return Positionals[0];
    }
}
