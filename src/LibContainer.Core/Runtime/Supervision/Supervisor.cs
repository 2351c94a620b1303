using System.Globalization;
using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Runtime.Supervision;

/// <summary>
/// `nsinit create --supervise` (and `run --detach --supervise`): a small process that outlives create as the
/// container init's parent (and subreaper, for orphans of a container without a pid namespace) and records how init
/// ended in &lt;root&gt;/&lt;id&gt;/exit.json:
/// <code>
/// caller nsinit ──posix_spawn, new session──▶ supervisor ──the ordinary create, in process: clone──▶ init
/// </code>
/// The supervisor is a fresh nsinit process, single-threaded up to the clone like any create; create prints its
/// errors on the caller's stdio, as a plain create would. Then the supervisor moves its stdio to /dev/null, reports create's exit status to the caller over a
/// pipe (the caller exits with it), waits for init and writes exit.json under the state directory's lock (so a
/// concurrent delete either sees the file or removed the directory first, and then nothing is written).
/// ONLY for the NativeAOT nsinit.
/// </summary>
internal static unsafe class Supervisor
{
    /// <summary>The hidden nsinit command the supervisor runs as:
    /// `nsinit __supervise REPORTFD PRESERVEFDS ROOT ID CGROUPDRIVER -- ARGS…`.</summary>
    public const string Command = "__supervise";

    /// <summary>True in the supervisor process: the create it runs makes an init that dies with it.</summary>
    internal static bool Running { get; private set; }

    /// <summary>The caller's side: starts the supervisor and returns create's exit status once the container is
    /// created (or create failed). <paramref name="innerArgs"/> is the nsinit command line without --supervise.
    /// <paramref name="stdio"/> (stdin, stdout, stderr for create and the container; default: the caller's) lets a
    /// host such as the PowerShell module start the supervisor directly; cancelling stops waiting, and the supervisor
    /// then finds nobody to report to and deletes the container.</summary>
    public static int CreateSupervised(string exe, IReadOnlyList<string> innerArgs, string root, string id, int preserveFds,
        Launch.CgroupDriver cgroups, IReadOnlyList<int>? stdio = null, CancellationToken cancel = default)
    {
        int reportFd = 3 + preserveFds;
        if (stdio is not null && stdio.Any(fd => fd <= reportFd))
            throw new ArgumentException($"stdio fds must be above {reportFd}", nameof(stdio));
        int* fds = stackalloc int[2];
        RuntimeSys.Check(LibC.pipe2(fds, LibC.O_CLOEXEC), "pipe2");
        // Both ends above reportFd: posix_spawn's dup2 must really move the write end (a dup2 onto itself keeps FD_CLOEXEC).
        int rd = MoveAbove(fds[0], reportFd), wr = MoveAbove(fds[1], reportFd);
        int pid;
        try
        {
            var argv = new List<string>
            {
                exe, Command, reportFd.ToString(CultureInfo.InvariantCulture), preserveFds.ToString(CultureInfo.InvariantCulture), root, id,
                cgroups.ToString(), "--",
            };
            argv.AddRange(innerArgs);
            pid = Security.Spawner.Spawn(exe, argv, new Security.SpawnOptions
            {
                InheritBelow = 3 + preserveFds, ExtraFd = wr, ExtraTo = reportFd, NewSession = true, Stdio = stdio,
            });
        }
        finally { RuntimeSys.Close(wr); }
        try
        {
            byte* buf = stackalloc byte[4];
            int got = 0;
            while (got < 4)
            {
                if (cancel.CanBeCanceled && !WaitReadable(rd, cancel)) throw new OperationCanceledException(cancel);
                long n = LibC.read(rd, buf + got, 4 - got);
                if (n < 0 && RuntimeSys.Errno == Errno.EINTR) continue;
                if (n <= 0) break;
                got += (int)n;
            }
            if (got == 4) return *(int*)buf; // the supervisor goes on alone (reparented once we exit)
            int status = WaitChild(pid);
            throw new ContainerException(ContainerErrorKind.SystemError,
                $"container supervisor ended (status {status}) before create finished", id);
        }
        finally { RuntimeSys.Close(rd); }
    }

    /// <summary>The supervisor's side (the hidden command). Returns the supervisor's exit status.</summary>
    /// <param name="create">Runs the ordinary create (the CLI's, for the command line without --supervise) and returns
    /// its exit status.</param>
    public static int Run(int reportFd, int preserveFds, string root, string id, Launch.CgroupDriver cgroups, Func<int> create)
    {
        signal(13 /*LibC.SIGPIPE*/, 1 /*SIG_IGN*/); // a caller gone before the report must not kill us
        RuntimeSys.Check(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "prctl", null, "PR_SET_CHILD_SUBREAPER");
        LibC.fcntl(reportFd, LibC.F_SETFD, LibC.FD_CLOEXEC); // never into the container
        Running = true;
        int status = create();
        DetachStdio(preserveFds);

        var store = new StateStore(root);
        string dir = store.DirOf(id);
        int initPid = 0;
        (ulong, ulong)? identity = null;
        if (status == 0)
        {
            try { initPid = store.TryLoad(id)?.Pid ?? 0; }
            catch (Exception e) when (e is ContainerException or IOException or UnauthorizedAccessException) { }
            identity = Identity(dir);
            int self = LibC.getpid();
            if (initPid > 0 && identity is { } ident)
                WriteLocked(dir, ident, ExitStatusFile.SupervisorFile, System.Text.Encoding.ASCII.GetBytes(self.ToString(CultureInfo.InvariantCulture)));
        }
        if (!Report(reportFd, status) && status == 0 && initPid > 0)
        {
            // The caller died (or was cancelled) before it learned of the container: nobody knows it exists, so
            // undo the create, as a create that failed leaves nothing.
            try { new ContainerOperations(store, cgroups).Delete(id, force: true); }
            catch (Exception e) when (e is ContainerException or SyscallException or IOException or UnauthorizedAccessException) { }
            return 1;
        }
        if (status != 0 || initPid <= 0 || identity is not { } dirIdentity) return status;

        var exit = WaitForInit(initPid);
        if (exit is not null) WriteLocked(dir, dirIdentity, ExitStatusFile.ExitFile, ExitStatusFile.Serialize(exit));
        return 0;
    }

    /// <summary>Polls in short slices so a cancellation is seen; false once cancelled.</summary>
    private static bool WaitReadable(int fd, CancellationToken cancel)
    {
        var pfd = new PollFd { Fd = fd, Events = LibC.POLLIN };
        while (!cancel.IsCancellationRequested)
            if (poll(&pfd, 1, 50) != 0) return true; // readable, hung up, or an error the read will report
        return false;
    }

    /// <summary>fd itself when above <paramref name="floor"/>, else a close-on-exec copy above it (the original closed).</summary>
    internal static int MoveAbove(int fd, int floor)
    {
        if (fd > floor) return fd;
        int moved = LibC.fcntl(fd, LibC.F_DUPFD_CLOEXEC, floor + 1);
        int errno = RuntimeSys.Errno;
        LibC.close(fd);
        if (moved < 0) throw new SyscallException("fcntl", errno, null, "F_DUPFD_CLOEXEC");
        return moved;
    }

    /// <summary>Reaps a child; its shell-style status (128+N when killed by signal N).</summary>
    private static int WaitChild(int pid)
    {
        SigInfo info;
        while (waitid(P_PID, pid, &info, WEXITED) < 0)
        {
            if (RuntimeSys.Errno != Errno.EINTR) return 255;
        }
        return info.Code == LibC.CLD_EXITED ? info.Status : 128 + info.Status;
    }

    /// <summary>Reaps every child (orphans of a container without its own pid namespace are ours too) until init.</summary>
    private static ContainerExitStatus? WaitForInit(int initPid)
    {
        while (true)
        {
            SigInfo info;
            if (waitid(SupervisionNative.P_ALL, 0, &info, WEXITED) < 0)
            {
                if (RuntimeSys.Errno == Errno.EINTR) continue;
                return null; // ECHILD: init is not ours (cannot happen unless someone else adopted it)
            }
            if (info.Pid == initPid) return ContainerExitStatus.FromWait(initPid, info.Code, info.Status, DateTime.UtcNow);
        }
    }

    /// <summary>stdio to /dev/null and the caller's preserved fds closed: nothing of the caller stays open here.</summary>
    private static void DetachStdio(int preserveFds)
    {
        int devnull = RuntimeSys.Open("/dev/null", LibC.O_RDWR);
        for (int fd = 0; fd < 3; fd++) LibC.dup3(devnull, fd, 0);
        RuntimeSys.Close(devnull);
        if (preserveFds > 0) CloseRange(3, (uint)(2 + preserveFds), 0);
    }

    /// <summary>False when the caller is gone (EPIPE: SIGPIPE is ignored here).</summary>
    private static bool Report(int fd, int status)
    {
        byte* buf = stackalloc byte[4];
        *(int*)buf = status;
        long n;
        while ((n = LibC.write(fd, buf, 4)) < 0 && RuntimeSys.Errno == Errno.EINTR) { }
        RuntimeSys.Close(fd);
        return n == 4;
    }

    /// <summary>(st_dev, st_ino) of a path, or of an fd with an empty path; null when it does not exist.</summary>
    private static (ulong Dev, ulong Ino)? Identity(string path) => Identity(path, LibC.AT_FDCWD);

    private static (ulong Dev, ulong Ino)? Identity(string path, int dirfd) =>
        RuntimeSys.TryStat(dirfd, path) is { } st ? (st.Dev, st.Ino) : null;

    /// <summary>Writes a file (temp + rename) into the state directory under its flock, only while it is still the
    /// directory this container had (a delete removes it under the same lock; a new container may reuse the id).</summary>
    private static bool WriteLocked(string dir, (ulong, ulong) identity, string name, byte[] content)
    {
        int fd = RuntimeSys.TryOpen(dir, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (fd < 0) return false;
        try
        {
            while (flock(fd, LOCK_EX) < 0)
                if (RuntimeSys.Errno != Errno.EINTR) return false;
            if (Identity("", fd) != identity || Identity(dir) != identity) return false;
            string path = Path.Combine(dir, name), tmp = path + ".tmp";
            File.WriteAllBytes(tmp, content);
            File.Move(tmp, path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        finally { LibC.close(fd); }
    }
}
