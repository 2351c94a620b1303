using LibContainer.Interop;

namespace LibContainer.Network;

/// <summary>
/// Moves the calling thread into another network namespace until disposed, then back to where it was.
/// Only the calling thread changes (setns acts per thread); callers do the work on that thread, without awaits.
/// </summary>
internal sealed class NetnsScope : IDisposable
{
    private int _originalFd;

    private NetnsScope(int originalFd) => _originalFd = originalFd;

    public static NetnsScope Enter(int targetNetnsFd)
    {
        var original = OpenNetns(CurrentThreadNetnsPath);
        if (LibC.setns(targetNetnsFd, LibC.CLONE_NEWNET) < 0)
        {
            var error = SyscallException.FromLastError("setns", detail: "CLONE_NEWNET");
            LibC.close(original);
            throw error;
        }
        return new NetnsScope(original);
    }

    public static NetnsScope Enter(string netnsPath)
    {
        var fd = OpenNetns(netnsPath);
        try { return Enter(fd); }
        finally { LibC.close(fd); }
    }

    /// <summary>This thread's own namespace (/proc/self is the thread group leader, which may be elsewhere).</summary>
    public const string CurrentThreadNetnsPath = "/proc/thread-self/ns/net";

    public static string ProcessNetnsPath(int pid, string procRoot = "/proc") => $"{procRoot}/{pid}/ns/net";

    /// <summary>True when both /proc namespace links name the same namespace ("net:[inode]").</summary>
    public static bool SameNamespace(string nsLinkA, string nsLinkB)
    {
        var a = new FileInfo(nsLinkA).LinkTarget;
        var b = new FileInfo(nsLinkB).LinkTarget;
        return a is not null && a == b;
    }

    public static int OpenNetns(string path)
    {
        var fd = RuntimeSys.TryOpen(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) throw SyscallException.FromLastError("open", path);
        return fd;
    }

    public void Dispose()
    {
        if (_originalFd < 0) return;
        var fd = _originalFd;
        _originalFd = -1;
        try
        {
            // Failing to return would leave this thread acting in the container's namespace: never ignore it.
            if (LibC.setns(fd, LibC.CLONE_NEWNET) < 0)
                throw SyscallException.FromLastError("setns", CurrentThreadNetnsPath, "returning to the original network namespace");
        }
        finally
        {
            LibC.close(fd);
        }
    }
}
