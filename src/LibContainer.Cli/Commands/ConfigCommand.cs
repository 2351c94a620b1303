using LibContainer.Config;

namespace LibContainer.Cli.Commands;

/// <summary>`config [--bundle DIR]` (the seed's tool had it): prints the effective config as OCI JSON — the bundle's
/// config.json, or a seed container.json converted, exactly as create would run it. Nothing is created.</summary>
public static class ConfigCommand
{
    public static int Run(string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, [], ["bundle"], new() { ["b"] = "bundle" });
        if (a.Positionals.Count > 0) throw new UsageException("\"config\" takes no arguments");
        CliContext.Out(ConfigLoader.ToJson(Runtime.SpecSource.LoadBundle(a.Value("bundle") ?? ".")) + "\n");
        return 0;
    }
}
