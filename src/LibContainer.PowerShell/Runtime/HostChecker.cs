using System.Text.Json;
using LibContainer.Config;
using LibContainer.Runtime;

namespace LibContainer.PowerShell.Runtime;

/// <summary>Test-ContainerConfig -Host: runs `nsinit check --format json` (the same check `create` refuses on; nsinit,
/// because trying an idmapped mount forks, which a JIT process must not) and reads its findings back.</summary>
internal static class HostChecker
{
    public static IReadOnlyList<HostFinding> Check(string bundle)
    {
        var r = new NsinitProcess().Run(["check", "--bundle", bundle, "--format", "json"],
            answered: result => result.ExitCode == 1 && result.Stdout.TrimStart().StartsWith('['));
        using var doc = JsonDocument.Parse(r.Stdout);
        return [.. doc.RootElement.EnumerateArray().Select(f => new HostFinding(
            f.GetProperty("path").GetString() ?? "", f.GetProperty("problem").GetString() ?? "", f.GetProperty("fix").GetString() ?? "",
            f.GetProperty("severity").GetString() == "warning" ? FindingSeverity.Warning : FindingSeverity.Error))];
    }

    /// <summary>A bundle nsinit can read for a config that is not a bundle's config.json: a temp directory holding it,
    /// its root.path made absolute against <paramref name="baseDir"/>. Dispose removes it.</summary>
    public static TempBundle Write(Spec spec, string baseDir)
    {
        var copy = ConfigBridge.Clone(spec);
        if (copy.Root is { Path: { Length: > 0 } root } r && !root.StartsWith('/')) r.Path = Path.GetFullPath(Path.Combine(baseDir, root));
        var dir = Directory.CreateTempSubdirectory("lc-check-").FullName;
        File.WriteAllText(Path.Combine(dir, "config.json"), ConfigBridge.ToJson(copy));
        return new TempBundle(dir);
    }

    public sealed class TempBundle(string dir) : IDisposable
    {
        public string Dir { get; } = dir;
        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }
}
