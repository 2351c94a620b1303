namespace LibContainer.Cli.Commands;

/// <summary>`features`: what this runtime and host support, as runc prints it (runtime-spec features.md).</summary>
public static class FeaturesCommand
{
    public static int Run(string[] args, int start)
    {
        if (args.Length > start) throw new UsageException("\"features\" takes no arguments");
        CliContext.Out(LibContainer.Runtime.RuntimeFeatures.ToJson());
        return 0;
    }
}
