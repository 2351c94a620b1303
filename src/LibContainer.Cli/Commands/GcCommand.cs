using System.Text;
using System.Text.Json;
using LibContainer.Runtime;

namespace LibContainer.Cli.Commands;

/// <summary>`gc [--dry-run] [--format text|json]`: removes what containers of this state root left behind (see
/// ContainerOperations.FindOrphans, docs/recovery.md), one line per item ("removed" or, with --dry-run, "would remove").</summary>
public static class GcCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, new[] { "dry-run" }, new[] { "format" }, new() { ["f"] = "format" });
        string format = a.Value("format") ?? "text";
        if (format is not ("text" or "json")) throw new UsageException($"invalid format '{format}' (text or json)");
        bool dryRun = a.Has("dry-run");
        var ops = ctx.Operations;
        var done = new List<Orphan>();
        foreach (var orphan in ops.FindOrphans())
        {
            if (!dryRun) ops.RemoveOrphan(orphan);
            done.Add(orphan);
            if (format == "text") CliContext.Out(Line(orphan, dryRun) + "\n");
        }
        foreach (var w in ops.Warnings) ctx.Warn(w);
        if (format == "json") CliContext.Out(ToJson(done, dryRun) + "\n");
        return 0;
    }

    internal static string Line(Orphan o, bool dryRun) =>
        $"{(dryRun ? "would remove" : "removed")} {Kind(o.Kind)} {o.Path}{(o.Id.Length > 0 ? $" (container {o.Id})" : "")}: {o.Reason}";

    private static string Kind(OrphanKind kind) => kind switch
    {
        OrphanKind.StateDirectory => "state",
        OrphanKind.Cgroup => "cgroup",
        _ => "link",
    };

    internal static string ToJson(List<Orphan> orphans, bool dryRun)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var o in orphans)
            {
                w.WriteStartObject();
                w.WriteString("kind", Kind(o.Kind));
                w.WriteString("path", o.Path);
                if (o.Id.Length > 0) w.WriteString("id", o.Id);
                w.WriteString("reason", o.Reason);
                w.WriteBoolean("removed", !dryRun);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
