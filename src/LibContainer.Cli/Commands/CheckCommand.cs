using System.Text;
using System.Text.Json;
using LibContainer.Config;

namespace LibContainer.Cli.Commands;

/// <summary>`check [--bundle DIR] [--format text|json]` (extension): will this config run on this host, and if not,
/// why. One line (or JSON object) per problem: its JSON path, the problem, the fix, the severity. Exit status 0 when
/// it runs (warnings at most), 1 when it does not. Nothing is created (docs/check.md).</summary>
public static class CheckCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, [], ["bundle", "format"], new() { ["b"] = "bundle", ["f"] = "format" });
        if (a.Positionals.Count > 0) throw new UsageException("\"check\" takes no arguments");
        string format = a.Value("format") ?? "text";
        if (format is not ("text" or "json")) throw new UsageException($"invalid --format '{format}' (text or json)");
        string bundle = a.Value("bundle") ?? ".";
        IReadOnlyList<HostFinding> findings;
        try
        {
            findings = HostCheck.Run(Runtime.SpecSource.LoadBundle(bundle), Path.GetFullPath(bundle), ctx.Cgroups != Runtime.Launch.CgroupDriver.Disabled);
        }
        catch (ConfigException e) when (e.Kind == ContainerErrorKind.ConfigInvalid)
        {
            findings = [.. e.Errors.Select(c => new HostFinding(c.Path, c.Message, "correct the value (docs/config.md)", FindingSeverity.Error))];
        }
        CliContext.Out(format == "json" ? Json(findings) : Text(findings));
        return findings.Any(f => f.Severity == FindingSeverity.Error) ? 1 : 0;
    }

    private static string Text(IReadOnlyList<HostFinding> findings)
    {
        if (findings.Count == 0) return "ok: this config runs on this host\n";
        var sb = new StringBuilder();
        foreach (var f in findings)
            sb.Append(f.Severity == FindingSeverity.Error ? "error" : "warning").Append(": ").Append(f.Path).Append(": ")
              .Append(ErrorText.Cut(f.Problem)).Append("; fix: ").Append(f.Fix).Append('\n');
        return sb.ToString();
    }

    private static string Json(IReadOnlyList<HostFinding> findings)
    {
        var buf = new MemoryStream();
        using (var w = new Utf8JsonWriter(buf, new JsonWriterOptions { Indented = true, Encoder = LibContainer.Json.MinimalJsonEncoder.Instance }))
        {
            w.WriteStartArray();
            foreach (var f in findings)
            {
                w.WriteStartObject();
                w.WriteString("path", f.Path);
                w.WriteString("problem", ErrorText.Cut(f.Problem));
                w.WriteString("fix", f.Fix);
                w.WriteString("severity", f.Severity == FindingSeverity.Error ? "error" : "warning");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buf.ToArray()) + "\n";
    }
}
