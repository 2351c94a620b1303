using System.Text.Json;
using LibContainer.Cgroups;
using LibContainer.Config;
using LibContainer.Config.Codec;

namespace LibContainer.Cli.Commands;

/// <summary>`update [--resources FILE|-] [--memory 512m] [--cpu-quota N] … ID`: new limits for a running container.
/// The JSON (LinuxResources) is read first, then each flag overrides its field (runc's order).</summary>
public static class UpdateCommand
{
    // --cpu-shares is accepted beside runc's --cpu-share.
    private static readonly Dictionary<string, string> Aliases = new() { ["r"] = "resources", ["cpu-shares"] = "cpu-share" };

    public static int Run(CliContext ctx, string[] args, int start)
    {
        var flags = UpdateFlags.Names.Append("resources").ToArray();
        var a = CliArgs.Parse(args, start, Array.Empty<string>(), flags, Aliases);
        string id = a.RequireId("update");
        if (a.Positionals.Count > 1) throw new UsageException("usage: update [--resources FILE|-] [FLAGS] ID");
        var resources = a.Value("resources") is { } source ? Read(source) : new LinuxResources();
        bool any = a.Has("resources");
        foreach (var name in UpdateFlags.Names)
        {
            if (a.Value(name) is not { } value) continue;
            if (name == "kernel-memory")
            {
                ctx.Warn("--kernel-memory is ignored: kernel memory limits are deprecated and not set by this runtime");
                continue;
            }
            UpdateFlags.Apply(resources, name, value);
            any = true;
        }
        if (!any) throw new UsageException("update: nothing to update (give --resources or a limit flag)");
        ctx.Operations.Update(id, resources);
        return 0;
    }

    private static LinuxResources Read(string source)
    {
        string json = source == "-" ? File.ReadAllText("/dev/stdin") : File.ReadAllText(source);
        try
        {
            return SpecReader.ReadLinuxResources(json)
                ?? throw new UsageException($"update: {Name(source)} holds no resources object");
        }
        catch (JsonException e)
        {
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"update: {Name(source)} is not LinuxResources JSON: {e.Message}");
        }
    }

    private static string Name(string source) => source == "-" ? "stdin" : source;
}
