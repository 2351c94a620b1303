using LibContainer.Config;

namespace LibContainer.Cli.Commands;

/// <summary>`spec [--rootless] [--seccomp-default] [--bundle DIR]`: writes the default config.json (with the default
/// seccomp profile engines send, on request).</summary>
public static class SpecCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, new[] { "rootless", "seccomp-default" }, new[] { "bundle" }, new() { ["b"] = "bundle" });
        if (a.Positionals.Count > 0) throw new UsageException("\"spec\" takes no arguments");
        string path = Path.Combine(a.Value("bundle") ?? ".", "config.json");
        if (File.Exists(path)) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"file {path} exists: remove it first");
        var spec = SpecDefaults.Create(a.Has("rootless"));
        if (a.Has("seccomp-default")) spec.Linux!.Seccomp = Security.Seccomp.DefaultSeccompProfile.Create();
        File.WriteAllText(path, ConfigLoader.ToJson(spec));
        return 0;
    }
}
