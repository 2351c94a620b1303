using System.Text.Json;

namespace LibContainer.Runtime;

/// <summary>An error nsinit recorded in its `--log-format json` log: the message, its kind and where it happened
/// (step, syscall, errno, path, JSON path: the base's fields, each when the log line has it).</summary>
public sealed class NsinitError : ContainerException
{
    public NsinitError(ContainerErrorKind kind, string message, int errno, string? containerId)
        : base(kind, message, containerId) => Errno = errno;

    /// <summary>The last error record of a JSON log file (null when there is none): the typed way to read why nsinit
    /// failed, instead of matching words of its message.</summary>
    public static NsinitError? FromLog(string logFile, string? containerId)
    {
        string[] lines;
        try { lines = File.ReadAllLines(logFile); }
        catch (IOException) { return null; }
        for (int i = lines.Length - 1; i >= 0; i--)
        {
            if (!lines[i].StartsWith('{')) continue;
            try
            {
                using var doc = JsonDocument.Parse(lines[i]);
                var root = doc.RootElement;
                if (!root.TryGetProperty("level", out var level) || level.GetString() != "error") continue;
                var kind = root.TryGetProperty("kind", out var k) && Enum.TryParse<ContainerErrorKind>(k.GetString(), out var parsed)
                    ? parsed : ContainerErrorKind.SystemError;
                int errno = root.TryGetProperty("errno", out var e) && e.TryGetInt32(out var n) ? n : 0;
                string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                return new NsinitError(kind, Text("msg") ?? "", errno, containerId)
                {
                    Step = Text("step"), Syscall = Text("syscall"), Path = Text("path"), JsonPath = Text("jsonPath"),
                };
            }
            catch (JsonException) { }
        }
        return null;
    }
}
