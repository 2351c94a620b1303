namespace LibContainer.Cli.Commands;

/// <summary>The container id of a command: its first positional or, in the seed's way, the container started from the
/// container.json in the working directory (`nsinit pause` / `unpause` / `stats` there).</summary>
internal static class SeedId
{
    public static string Resolve(CliArgs a, string command)
    {
        if (a.Positionals.Count > 1) throw new UsageException($"\"{command}\" takes one container id");
        if (a.Positionals.Count == 0 && File.Exists(SeedCommand.SeedConfig))
            return SeedCommand.IdFor(Directory.GetCurrentDirectory());
        return a.RequireId(command);
    }
}
