namespace LibContainer.PowerShell.Runtime;

/// <summary>Ctrl+C or Select-Object -First on a process run in a container: SIGKILL to it (its host pid is in the pid
/// file nsinit wrote) and to its process group when it leads one (a -Tty shell and its jobs), never to ours.</summary>
internal static class ContainerProcessKiller
{
    public static void Kill(string pidFile)
    {
        try
        {
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) || pid <= 0) return;
            if (Tmds.Linux.LibC.getpgid(pid) == pid && pid != Tmds.Linux.LibC.getpgid(0)) Tmds.Linux.LibC.kill(-pid, Tmds.Linux.LibC.SIGKILL);
            Tmds.Linux.LibC.kill(pid, Tmds.Linux.LibC.SIGKILL);
        }
        catch (IOException) { }
    }
}
