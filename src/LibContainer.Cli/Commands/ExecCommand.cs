namespace LibContainer.Cli.Commands;

/// <summary>`exec [--process F | ARGS...] [...] ID`: runs a process in a running container.</summary>
public static class ExecCommand
{
    public static int Run(CliContext ctx, string[] args, int start) => throw new NotImplementedException("exec");
}
