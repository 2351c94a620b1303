using System.Globalization;
using System.Text.Json;

namespace LibContainer.Runtime.Supervision;

/// <summary>exit.json and supervisor.pid in a container's state directory. Own small reader/writer (Utf8JsonWriter,
/// JsonDocument): these files are not part of state.json.</summary>
internal static class ExitStatusFile
{
    public const string ExitFile = "exit.json", SupervisorFile = "supervisor.pid";

    public static byte[] Serialize(ContainerExitStatus s)
    {
        var buf = new MemoryStream();
        using (var w = new Utf8JsonWriter(buf))
        {
            w.WriteStartObject();
            w.WriteNumber("pid", s.Pid);
            w.WriteNumber("exitCode", s.ExitCode);
            if (s.Signal is { } sig)
            {
                w.WriteNumber("signal", sig);
                w.WriteString("signalName", Signals.Name(sig));
                if (s.CoreDumped) w.WriteBoolean("coreDumped", true);
            }
            w.WriteString("finishedAt", s.FinishedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        return buf.ToArray();
    }

    /// <summary>Null for anything that is not a well-formed exit.json (readers never see a half file: it is renamed in).</summary>
    public static ContainerExitStatus? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Int(root, "exitCode") is not { } exitCode)
                return null;
            var finished = root.TryGetProperty("finishedAt", out var f) && f.ValueKind == JsonValueKind.String
                && DateTime.TryParse(f.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
                ? t : default;
            return new ContainerExitStatus
            {
                Pid = Int(root, "pid") ?? 0,
                ExitCode = exitCode,
                Signal = Int(root, "signal"),
                CoreDumped = root.TryGetProperty("coreDumped", out var c) && c.ValueKind == JsonValueKind.True,
                FinishedAt = finished,
            };
        }
        catch (JsonException) { return null; }
    }

    private static int? Int(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) ? n : null;

    public static ContainerExitStatus? TryRead(string stateDir)
    {
        try { return Parse(File.ReadAllBytes(Path.Combine(stateDir, ExitFile))); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>The supervisor's pid when the container has (or had) one.</summary>
    public static int? TryReadSupervisorPid(string stateDir)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(stateDir, SupervisorFile)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
