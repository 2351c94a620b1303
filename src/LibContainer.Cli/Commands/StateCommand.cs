using System.Text.Json;
using LibContainer.Config;

namespace LibContainer.Cli.Commands;

/// <summary>`state ID`: the OCI state JSON.</summary>
public static class StateCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, Array.Empty<string>(), Array.Empty<string>());
        var state = ctx.Operations.State(a.RequireId("state"));
        CliContext.Out(JsonSerializer.Serialize(state, OciJsonContext.Default.ContainerStateJson) + "\n");
        return 0;
    }
}
