using System.Text.Json;
using LibContainer.Config;
using LibContainer.Config.Codec;

namespace LibContainer.Cli.Commands;

/// <summary>`state ID`: the OCI state JSON.</summary>
public static class StateCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, Array.Empty<string>(), Array.Empty<string>());
        var state = ctx.Operations.State(a.RequireId("state"));
        CliContext.Out(SpecWriter.ToJson(state, SpecWriter.Write, SpecWriter.Indented) + "\n");
        return 0;
    }
}
