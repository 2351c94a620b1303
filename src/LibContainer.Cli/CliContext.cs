using System.Text;
using System.Text.Json;
using LibContainer.Interop;
using LibContainer.Runtime;
using LibContainer.Runtime.Launch;

namespace LibContainer.Cli;

/// <summary>Global flags and the CLI's only output paths. All output goes through write(2): System.Console starts
/// a thread on first use, and nsinit must stay single-threaded until it clones.</summary>
public sealed class CliContext
{
    public string Root { get; set; } = StateStore.DefaultRoot;
    public string? LogFile { get; set; }
    public string LogFormat { get; set; } = "text";
    public bool Debug { get; set; }
    public CgroupDriver Cgroups { get; set; } = CgroupDriver.Cgroupfs;

    public StateStore Store => new(Root);
    public ContainerOperations Operations => new(Store, Cgroups);

    public static void Out(string text) => RuntimeSys.WriteText(1, text);
    public static void Err(string text) => RuntimeSys.WriteText(2, text);

    /// <summary>One error line on stderr (`nsinit: message`) and, with --log, one log record carrying
    /// <paramref name="facts"/> as fields.</summary>
    public void Error(string message, ErrorFacts? facts = null)
    {
        message = ErrorText.Cut(message);
        Err("nsinit: " + message + "\n");
        Log("error", message, facts);
    }

    public void Warn(string message)
    {
        message = ErrorText.Cut(message);
        Err("nsinit: warning: " + message + "\n");
        Log("warning", message);
    }

    /// <summary>With --debug: one line on stderr and in the log.</summary>
    public void DebugLine(string? message)
    {
        if (!Debug || message is null) return;
        Err("nsinit: debug: " + message + "\n");
        Log("debug", message);
    }

    public void Log(string level, string message, ErrorFacts? facts = null)
    {
        if (string.IsNullOrEmpty(LogFile)) return;
        string time = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        string line;
        if (LogFormat == "json")
        {
            var buf = new MemoryStream();
            using (var w = new Utf8JsonWriter(buf, LibContainer.Json.MinimalJsonEncoder.WriterOptions))
            {
                w.WriteStartObject();
                w.WriteString("level", level);
                w.WriteString("msg", message);
                w.WriteString("time", time);
                if (facts is not null) WriteFacts(w, facts);
                w.WriteEndObject();
            }
            line = Encoding.UTF8.GetString(buf.ToArray()) + "\n";
        }
        else
        {
            line = $"time=\"{time}\" level={level} msg=\"{message.Replace("\"", "\\\"")}\"\n";
        }
        try { File.AppendAllText(LogFile, line); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    // docs/errors.md: kind always; the others when known.
    private static void WriteFacts(Utf8JsonWriter w, ErrorFacts f)
    {
        w.WriteString("kind", f.Kind.ToString());
        if (f.Step is { Length: > 0 }) w.WriteString("step", f.Step);
        if (f.Syscall is { Length: > 0 }) w.WriteString("syscall", f.Syscall);
        if (f.Errno != 0)
        {
            w.WriteNumber("errno", f.Errno);
            w.WriteString("errnoName", LibContainer.Errno.Name(f.Errno));
        }
        if (f.Path is { Length: > 0 }) w.WriteString("path", ErrorText.Value(f.Path));
        if (f.JsonPath is { Length: > 0 }) w.WriteString("jsonPath", f.JsonPath);
    }
}
