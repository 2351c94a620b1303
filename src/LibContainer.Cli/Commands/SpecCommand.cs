using LibContainer.Config;

namespace LibContainer.Cli.Commands;

/// <summary>`spec [--rootless] [--bundle DIR]`: writes the default config.json.</summary>
public static class SpecCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, new[] { "rootless" }, new[] { "bundle" }, new() { ["b"] = "bundle" });
        if (a.Positionals.Count > 0) throw new UsageException("\"spec\" takes no arguments");
        string path = Path.Combine(a.Value("bundle") ?? ".", "config.json");
        if (File.Exists(path)) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"file {path} exists: remove it first");
        File.WriteAllText(path, ConfigLoader.ToJson(SpecDefaults.Create(a.Has("rootless"))));
        return 0;
    }
}
