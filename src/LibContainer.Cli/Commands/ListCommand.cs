using System.Globalization;
using System.Text;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.Runtime;

namespace LibContainer.Cli.Commands;

/// <summary>`list [--format table|json] [-q]`</summary>
public static class ListCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, new[] { "quiet" }, new[] { "format" }, new() { ["q"] = "quiet", ["f"] = "format" });
        string format = a.Value("format") ?? "table";
        if (format is not ("table" or "json")) throw new UsageException($"invalid format '{format}' (table or json)");
        var rows = ctx.Operations.List();
        if (a.Has("quiet"))
        {
            CliContext.Out(string.Concat(rows.Select(r => r.Record.Id + "\n")));
            return 0;
        }
        if (format == "json")
        {
            var entries = rows.Select(r => new ListEntry
            {
                OciVersion = Spec.Version, Id = r.Record.Id, Pid = r.Status == ContainerState.Stopped ? 0 : r.Record.Pid,
                Status = r.Status.ToOci(), Bundle = r.Record.Bundle, Rootfs = r.Record.Rootfs, Created = r.Record.Created,
                Owner = r.Record.Owner ?? "root",
            }).ToList();
            CliContext.Out(ToJson(entries) + "\n");
            return 0;
        }
        var table = new List<string[]> { new[] { "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER" } };
        foreach (var (r, status) in rows)
            table.Add(new[]
            {
                r.Id, (status == ContainerState.Stopped ? 0 : r.Pid).ToString(CultureInfo.InvariantCulture), status.ToOci(), r.Bundle,
                r.Created.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), r.Owner ?? "root",
            });
        CliContext.Out(Format(table));
        return 0;
    }

    internal static string Format(List<string[]> table)
    {
        var widths = Enumerable.Range(0, table[0].Length).Select(c => table.Max(row => row[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in table)
        {
            for (int c = 0; c < row.Length; c++)
                sb.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 3));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>runc's `list --format json`: one line, runc's field names, RFC 3339 times.</summary>
    internal static string ToJson(List<ListEntry> entries)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var e in entries)
            {
                w.WriteStartObject();
                w.WriteString("ociVersion", e.OciVersion);
                w.WriteString("id", e.Id);
                w.WriteNumber("pid", e.Pid);
                w.WriteString("status", e.Status);
                w.WriteString("bundle", e.Bundle);
                w.WriteString("rootfs", e.Rootfs);
                w.WriteString("created", e.Created);
                w.WriteString("owner", e.Owner);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
