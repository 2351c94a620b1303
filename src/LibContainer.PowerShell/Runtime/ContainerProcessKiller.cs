using System.Diagnostics;

namespace LibContainer.PowerShell.Runtime;

/// <summary>Ctrl+C or Select-Object -First on a process run in a container: SIGKILL to it (its host pid is in the pid
/// file nsinit writes once it started it) and to its process group when it leads one (a -Tty shell and its jobs),
/// never to ours; then nsinit exec ends (SIGTERM, which it also forwards, then SIGKILL).</summary>
internal static class ContainerProcessKiller
{
    public static void Kill(string pidFile, Process nsinit)
    {
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(2);
            int pid = 0;
            while ((pid = ReadPid(pidFile)) == 0 && !nsinit.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(5);
            if (pid > 0)
            {
                if (LibC.getpgid(pid) == pid && pid != LibC.getpgid(0)) LibC.kill(-pid, LibC.SIGKILL);
                LibC.kill(pid, LibC.SIGKILL);
            }
            if (nsinit.HasExited) return;
            LibC.kill(nsinit.Id, LibC.SIGTERM);
            if (!nsinit.WaitForExit(2000)) nsinit.Kill();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException) { }
    }

    private static int ReadPid(string pidFile)
    {
        try { return int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && pid > 0 ? pid : 0; }
        catch (IOException) { return 0; }
    }
}
