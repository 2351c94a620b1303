using System.Text.Json;
using LibContainer.Config;

namespace LibContainer.Cli.Commands;

/// <summary>`update --resources FILE|- ID`: LinuxResources JSON from a file or stdin, applied to the cgroup.</summary>
public static class UpdateCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, Array.Empty<string>(), new[] { "resources" }, new() { ["r"] = "resources" });
        string id = a.RequireId("update");
        string source = a.Value("resources") ?? throw new UsageException("update needs --resources FILE (or - for stdin)");
        string json = source == "-" ? ReadStdin() : File.ReadAllText(source);
        var resources = JsonSerializer.Deserialize(json, OciJsonContext.Default.LinuxResources)
            ?? throw new UsageException("--resources: empty");
        ctx.Operations.Update(id, resources);
        return 0;
    }

    private static string ReadStdin()
    {
        using var stdin = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false), FileAccess.Read);
        using var reader = new StreamReader(stdin);
        return reader.ReadToEnd();
    }
}
