using System.Runtime.InteropServices;
using LibContainer.Interop;
using static LibContainer.Interop.SecurityNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Security;

/// <summary>Watching a child's death without threads or SIGCHLD handlers: pidfd_open + poll, then waitpid.</summary>
public static unsafe class PidFd
{
    /// <summary>pidfd_open(pid, 0); the fd is close-on-exec. Throws SyscallException.</summary>
    public static int Open(int pid)
    {
        var fd = syscall(SYS_pidfd_open, pid, 0, 0, 0);
        if (fd < 0) throw SyscallException.FromLastError("pidfd_open", null, $"pid {pid}");
        return (int)fd;
    }

    /// <summary>Waits until the process behind <paramref name="pidfd"/> exits or <paramref name="timeoutMs"/> passes
    /// (-1 = forever). True when it has exited (it is then a zombie until reaped).</summary>
    public static bool WaitForExit(int pidfd, int timeoutMs)
    {
        var start = Environment.TickCount64;
        while (true)
        {
            var remaining = timeoutMs < 0 ? -1 : (int)Math.Max(0, timeoutMs - (Environment.TickCount64 - start));
            var p = new PollFd { Fd = pidfd, Events = LibC.POLLIN };
            var n = poll(&p, 1, remaining);
            if (n > 0) return true;
            if (n == 0) return false;
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) throw new SyscallException("poll", errno, null, "pidfd");
        }
    }

    /// <summary>pidfd_send_signal: signals exactly that process, never a recycled pid.</summary>
    public static void Signal(int pidfd, int signal)
    {
        if (syscall(SYS_pidfd_send_signal, pidfd, signal, 0, 0) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.ESRCH) throw new SyscallException("pidfd_send_signal", errno, null, $"signal {signal}");
        }
    }

    /// <summary>Reaps <paramref name="pid"/> (blocking) and returns its raw wait status.</summary>
    public static int Reap(int pid)
    {
        int status;
        while (waitpid(pid, &status, 0) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) throw new SyscallException("waitpid", errno, null, $"pid {pid}");
        }
        return status;
    }

    /// <summary>"exit status N" or "killed by signal N" for a raw wait status.</summary>
    public static string DescribeStatus(int status)
    {
        var sig = status & 0x7f;
        return sig == 0 ? $"exit status {(status >> 8) & 0xff}" : $"killed by signal {sig}";
    }

    /// <summary>The exit code of a raw wait status, shell style (128 + signal when killed).</summary>
    public static int ExitCode(int status)
    {
        var sig = status & 0x7f;
        return sig == 0 ? (status >> 8) & 0xff : 128 + sig;
    }
}
