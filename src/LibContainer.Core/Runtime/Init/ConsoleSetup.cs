using LibContainer.Interop;
using LibContainer.Terminal;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Runtime.Init;

/// <summary>Init step "console" (after the root switch, so the pty comes from the container's own devpts): with
/// process.terminal, the master goes over the console socket, the slave becomes /dev/console, the controlling
/// terminal (of the session step's new session) and stdio.</summary>
internal static class ConsoleSetup
{
    public static void Attach(InitPlan plan)
    {
        if (plan.Spec.Process?.Terminal != true)
        {
            RuntimeSys.Close(plan.ConsoleSocketFd);
            return;
        }
        if (plan.ConsoleSocketFd < 0)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, "process.terminal is set but no --console-socket was given");
        var pty = Pty.Open(plan.Spec.Process.ConsoleSize, "/dev/ptmx");
        ConsoleSocket.SendFd(plan.ConsoleSocketFd, pty.MasterFd);
        RuntimeSys.Close(pty.MasterFd);
        RuntimeSys.Close(plan.ConsoleSocketFd);
        if (!plan.IsExec)
        {
            if (!RuntimeSys.Exists("/dev/console")) RuntimeSys.Close(RuntimeSys.Open("/dev/console", O_CREAT | O_WRONLY, 0x1b6));
            RuntimeSys.Mount(pty.SlavePath, "/dev/console", null, MS_BIND, null);
        }
        Pty.MakeControllingTerminal(pty.SlaveFd);
        for (int fd = 0; fd < 3; fd++) RuntimeSys.Check(dup3(pty.SlaveFd, fd, 0), "dup3", "/dev/console");
        if (pty.SlaveFd > 2) RuntimeSys.Close(pty.SlaveFd);
    }
}
