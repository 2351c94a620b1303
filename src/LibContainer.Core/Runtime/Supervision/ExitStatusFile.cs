using System.Globalization;
using System.Text.Json;

namespace LibContainer.Runtime.Supervision;

/// <summary>exit.json and supervisor.pid in a container's state directory. Own small reader/writer (Utf8JsonWriter,
/// Utf8JsonReader): these files are not part of state.json.</summary>
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

    /// <summary>Null for anything that is not a well-formed exit.json (readers never see a half file: it is renamed in).
    /// Utf8JsonReader, not JsonDocument: no pooled buffers for a file of five fields.</summary>
    public static ContainerExitStatus? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var r = new Utf8JsonReader(json);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return null;
            int? pid = null, exitCode = null, signal = null;
            bool core = false;
            DateTime finished = default;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                string name = r.GetString()!;
                if (!r.Read()) return null;
                switch (name)
                {
                    case "pid": pid = Int(ref r); break;
                    case "exitCode": exitCode = Int(ref r); break;
                    case "signal": signal = Int(ref r); break;
                    case "coreDumped": core = r.TokenType == JsonTokenType.True; break;
                    case "finishedAt":
                        if (r.TokenType == JsonTokenType.String && DateTime.TryParse(r.GetString(), CultureInfo.InvariantCulture,
                                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
                            finished = t;
                        break;
                    default: r.Skip(); break;
                }
            }
            if (r.TokenType != JsonTokenType.EndObject || exitCode is not { } code) return null;
            return new ContainerExitStatus { Pid = pid ?? 0, ExitCode = code, Signal = signal, CoreDumped = core, FinishedAt = finished };
        }
        catch (JsonException) { return null; }
    }

    private static int? Int(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.Number && r.TryGetInt32(out int n) ? n : null;

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
