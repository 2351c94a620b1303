using System.Globalization;

namespace LibContainer.Cli.Commands;

/// <summary>`ps [--format table|json] ID` (json: the array of host pids, what engines read).</summary>
public static class PsCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, Array.Empty<string>(), new[] { "format" }, new() { ["f"] = "format" });
        string id = a.RequireId("ps");
        string format = a.Value("format") ?? "table";
        if (format is not ("table" or "json")) throw new UsageException($"invalid format '{format}' (table or json)");
        var pids = ctx.Operations.Pids(id);
        if (format == "json")
        {
            CliContext.Out("[" + string.Join(",", pids.Select(p => p.ToString(CultureInfo.InvariantCulture))) + "]\n");
            return 0;
        }
        var table = new List<string[]> { new[] { "PID", "CMD" } };
        foreach (var pid in pids)
        {
            string cmd;
            try { cmd = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd(); }
            catch (IOException) { cmd = "?"; }
            table.Add(new[] { pid.ToString(CultureInfo.InvariantCulture), cmd });
        }
        CliContext.Out(ListCommand.Format(table));
        return 0;
    }
}
