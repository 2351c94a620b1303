namespace LibContainer.Runtime.Init;

/// <summary>Init step "console": with process.terminal, a pty from the container's devpts, its master sent over the
/// console socket, the slave as stdio, controlling tty and /dev/console.</summary>
internal static class ConsoleSetup
{
    public static void Attach(InitPlan plan)
    {
        if (plan.Spec.Process?.Terminal != true) return;
        throw new ContainerException(ContainerErrorKind.ConfigInvalid, "process.terminal is not supported yet");
    }
}
