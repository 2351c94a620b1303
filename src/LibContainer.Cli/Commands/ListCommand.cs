using System.Globalization;
using System.Text;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.Runtime;

namespace LibContainer.Cli.Commands;

/// <summary>`list [--format table|json] [-q] [--recover]` (--recover: also the containers whose state directory is lost,
/// found by their cgroup markers; docs/recovery.md)</summary>
public static class ListCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, new[] { "quiet", "recover" }, new[] { "format" }, new() { ["q"] = "quiet", ["f"] = "format" });
        string format = a.Value("format") ?? "table";
        if (format is not ("table" or "json")) throw new UsageException($"invalid format '{format}' (table or json)");
        var entries = ctx.Operations.List().Select(r => new ListEntry
        {
            OciVersion = Spec.Version, Id = r.Record.Id, Pid = r.Status == ContainerState.Stopped ? 0 : r.Record.Pid,
            Status = r.Status.ToOci(), Bundle = r.Record.Bundle, Rootfs = r.Record.Rootfs, Created = r.Record.Created,
            Owner = r.Record.Owner ?? "root",
        }).ToList();
        if (a.Has("recover"))
            entries.AddRange(ctx.Operations.Recover().Select(r => new ListEntry
            {
                OciVersion = Spec.Version, Id = r.Id, Pid = r.Pid, Status = r.Status.ToOci(), Owner = "root", RecoveredCgroup = r.CgroupPath,
            }));
        if (a.Has("quiet"))
        {
            CliContext.Out(string.Concat(entries.Select(e => e.Id + "\n")));
            return 0;
        }
        if (format == "json")
        {
            CliContext.Out(ToJson(entries) + "\n");
            return 0;
        }
        var table = new List<string[]> { new[] { "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER" } };
        foreach (var e in entries)
            table.Add(new[]
            {
                e.Id, e.Pid.ToString(CultureInfo.InvariantCulture), e.Status,
                e.RecoveredCgroup is { } cgroup ? $"(state lost; cgroup {cgroup})" : e.Bundle,
                e.RecoveredCgroup is null ? e.Created.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) : "-",
                e.Owner,
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
                if (e.RecoveredCgroup is { } cgroup) w.WriteString("recoveredCgroup", cgroup);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
