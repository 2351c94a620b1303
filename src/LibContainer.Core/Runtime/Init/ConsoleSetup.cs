using LibContainer.Interop;
using LibContainer.Terminal;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Runtime.Init;

/// <summary>Init step "console" (after the root switch, so the pty comes from the container's own devpts): with
/// process.terminal, the master goes over the console socket, the slave becomes /dev/console, the controlling
/// terminal (of the session step's new session) and stdio.</summary>
internal static unsafe class ConsoleSetup
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
        if (!plan.IsExec) BindConsole(pty.SlaveFd);
        Pty.MakeControllingTerminal(pty.SlaveFd);
        for (int fd = 0; fd < 3; fd++) RuntimeSys.Check(LibC.dup3(pty.SlaveFd, fd, 0), "dup3", "/dev/console");
        if (pty.SlaveFd > 2) RuntimeSys.Close(pty.SlaveFd);
    }

    /// <summary>The pty slave bound on /dev/console. With an image-provided /dev, /dev/console may be a symlink (e.g. to
    /// a /proc/sys file: CVE-2025-52565): it is never followed. A symlink is replaced by an empty file, /dev itself
    /// must not be a symlink, and the bind is made between fds (open_tree + move_mount), not paths.</summary>
    private static void BindConsole(int slaveFd)
    {
        int dev;
        fixed (byte* p = "/dev\0"u8) dev = LibC.open(p, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
        if (dev < 0) throw SyscallException.FromLastError("open", "/dev", "must be a directory, not a symlink");
        int target = -1, tree = -1;
        try
        {
            fixed (byte* name = "console\0"u8)
            {
                uint? mode = RuntimeSys.StatMode(dev, "console", nofollow: true);
                if (mode is { } m && (m & S_IFMT) == S_IFLNK)
                {
                    RuntimeSys.Check(LibC.unlinkat(dev, name, 0), "unlink", "/dev/console", "replace a symlink");
                    mode = null;
                }
                if (mode is null)
                    RuntimeSys.Close(RuntimeSys.Check(LibC.openat(dev, name, LibC.O_CREAT | LibC.O_EXCL | LibC.O_WRONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0x1b6), "open", "/dev/console", "create"));
                else if ((mode.Value & S_IFMT) == S_IFDIR)
                    throw new SyscallException("open", LibContainer.Errno.EISDIR, "/dev/console", "the image's /dev/console is a directory");
                target = RuntimeSys.Check(LibC.openat(dev, name, LibC.O_PATH | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0), "open", "/dev/console");
            }
            fixed (byte* empty = "\0"u8) tree = OpenTree(slaveFd, empty, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (uint)LibC.AT_EMPTY_PATH);
            if (tree < 0) throw SyscallException.FromLastError("open_tree", "/dev/console", "pty slave");
            Rootfs.MountSetup.Attach(tree, target, "/dev/console");
        }
        finally
        {
            RuntimeSys.Close(tree);
            RuntimeSys.Close(target);
            RuntimeSys.Close(dev);
        }
    }
}
