using System.Text.Json;
using LibContainer.Config;
using LibContainer.Config.Codec;

namespace LibContainer.Security.Seccomp;

/// <summary>Where a seccomp profile comes from for the module and tools: the built-in default, or a JSON file
/// holding either a linux.seccomp object or a whole config.json (its linux.seccomp is taken).</summary>
public static class SeccompProfiles
{
    public const string DefaultName = "Default";

    /// <summary>"Default" (any case) or the path of a JSON file.</summary>
    public static LinuxSeccomp Resolve(string nameOrPath)
    {
        if (nameOrPath.Equals(DefaultName, StringComparison.OrdinalIgnoreCase)) return DefaultSeccompProfile.Create();
        string json;
        try { json = File.ReadAllText(nameOrPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"seccomp profile '{nameOrPath}': {e.Message}");
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("linux", out _))
                return SpecReader.ReadSpec(json)?.Linux?.Seccomp
                    ?? throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"seccomp profile '{nameOrPath}': the config has no linux.seccomp");
            return SpecReader.ReadLinuxSeccomp(json)
                ?? throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"seccomp profile '{nameOrPath}': null is not a profile");
        }
        catch (JsonException e)
        {
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"seccomp profile '{nameOrPath}': {e.Message}");
        }
    }

    /// <summary>The seccomp mode of a running process from /proc/PID/status ("filter", "strict", "disabled"), null
    /// when it cannot be read.</summary>
    public static string? ModeOf(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("Seccomp:", StringComparison.Ordinal))
                    return line["Seccomp:".Length..].Trim() switch { "0" => "disabled", "1" => "strict", "2" => "filter", var v => v };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }
}
