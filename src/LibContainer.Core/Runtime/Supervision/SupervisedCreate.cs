using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Runtime.Supervision;

/// <summary>`nsinit create --supervise` for a host that is not nsinit (the PowerShell module): starts the supervisor
/// directly with posix_spawn (safe in a multi-threaded host), with stdin on /dev/null and stdout/stderr appended to
/// <c>outputFile</c>, and returns create's exit status once the container exists or create failed. Saves the extra
/// process a `nsinit create --supervise` caller would be.</summary>
public static class SupervisedCreate
{
    /// <param name="nsinit">The nsinit binary.</param>
    /// <param name="createArgs">nsinit's command line for the plain create: global flags, then `create … ID`.</param>
    public static int Run(string nsinit, IReadOnlyList<string> createArgs, string root, string id, string outputFile,
        CancellationToken cancel = default)
    {
        var fds = new List<int>();
        try
        {
            fds.Add(OpenHigh("/dev/null", LibC.O_RDONLY, 0));
            fds.Add(OpenHigh(outputFile, LibC.O_WRONLY | LibC.O_CREAT | 0x400 /*LibC.O_APPEND*/, 0x1a4 /*0644*/));
            fds.Add(fds[1]);
            return Supervisor.CreateSupervised(nsinit, createArgs, root, id, preserveFds: 0, Launch.CgroupDriver.Cgroupfs,
                fds, cancel);
        }
        finally
        {
            foreach (var fd in fds.Distinct()) RuntimeSys.Close(fd);
        }
    }

    /// <summary>Opens close-on-exec above fd 3 (the report pipe's number): posix_spawn moves it onto 0..2.</summary>
    private static int OpenHigh(string path, int flags, uint mode) => Supervisor.MoveAbove(RuntimeSys.Open(path, flags, mode), 3);
}
