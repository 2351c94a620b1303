using System.Runtime.InteropServices;
using System.Text;
using LibContainer.Config;
using LibContainer.Config.Codec;
using LibContainer.Interop;
using static LibContainer.Interop.SecurityNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Security;

/// <summary>Runs OCI hooks: posix_spawn, the state JSON on stdin, stdout/stderr captured through pipes, a poll loop on
/// the pipes and a pidfd for the exit and the timeout. No threads, so it is safe in nsinit before the clone and in init.</summary>
public static unsafe class HookRunner
{
    /// <summary>How much of a hook's stdout/stderr is kept for the error message.</summary>
    public const int MaxCaptured = 16 * 1024;

    /// <summary>The OCI hook phases, in the order a container meets them; each is run by the runtime.</summary>
    public static IReadOnlyList<string> Phases { get; } =
        ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"];

    /// <summary>Runs the hooks of one phase in order with the state JSON on stdin, honouring timeouts, without threads
    /// (posix_spawn + poll). A failing hook throws ContainerException naming the phase, path, exit status and stderr;
    /// the hooks after it do not run (prestart, createRuntime, createContainer, startContainer: the spec's rule).</summary>
    public static void Run(string phase, IReadOnlyList<Hook>? hooks, ContainerStateJson state)
    {
        if (hooks is null || hooks.Count == 0) return;
        var json = SpecWriter.ToUtf8(state, SpecWriter.Write, SpecWriter.Indented);
        for (int i = 0; i < hooks.Count; i++)
        {
            var hook = hooks[i];
            var r = RunOne(hook, json, phase);
            if (Failure(phase, hook, r) is { } failure)
                throw new ContainerException(r.TimedOut ? ContainerErrorKind.Timeout : ContainerErrorKind.HookFailed, failure, state.Id)
                { Path = hook.Path, JsonPath = $"hooks.{phase}[{i}]" };
        }
    }

    /// <summary>Runs every hook of the phase even when some fail (poststart, poststop: the spec says warn and go on);
    /// returns one message per failed hook.</summary>
    public static IReadOnlyList<string> RunAll(string phase, IReadOnlyList<Hook>? hooks, ContainerStateJson state)
    {
        var failures = new List<string>();
        if (hooks is null || hooks.Count == 0) return failures;
        var json = SpecWriter.ToUtf8(state, SpecWriter.Write, SpecWriter.Indented);
        foreach (var hook in hooks)
        {
            try
            {
                if (Failure(phase, hook, RunOne(hook, json, phase)) is { } failure) failures.Add(failure);
            }
            catch (ContainerException e) { failures.Add(e.Message); }
        }
        return failures;
    }

    // null: the hook succeeded; else why it failed.
    private static string? Failure(string phase, Hook hook, HookResult r)
    {
        if (r.TimedOut) return $"{phase} hook {hook.Path} timed out after {hook.Timeout} s{Tail(r)}";
        return r.Status != 0 ? $"{phase} hook {hook.Path} failed: {PidFd.DescribeStatus(r.Status)}{Tail(r)}" : null;
    }

    private static string Tail(HookResult r)
    {
        var text = (r.Stderr.Length > 0 ? r.Stderr : r.Stdout).Trim();
        return text.Length == 0 ? "" : ": " + text;
    }

    /// <summary>The outcome of one hook: raw wait status (0 = success), whether it was killed for its timeout, and
    /// what it wrote (each truncated to <see cref="MaxCaptured"/> bytes).</summary>
    public readonly record struct HookResult(int Status, bool TimedOut, string Stdout, string Stderr);

    /// <summary>Runs one hook with <paramref name="stdin"/> as its standard input and waits for it.</summary>
    public static HookResult RunOne(Hook hook, ReadOnlySpan<byte> stdin, string phase = "hook")
    {
        ArgumentNullException.ThrowIfNull(hook);
        if (hook.Timeout is <= 0)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"{phase} hook {hook.Path}: timeout must be positive");
        var argv = hook.Args is { Count: > 0 } ? hook.Args : [hook.Path];

        int inR = -1, inW = -1, outR = -1, outW = -1, errR = -1, errW = -1, pidfd = -1, pid = -1;
        try
        {
            (inR, inW) = Pipe();
            (outR, outW) = Pipe();
            (errR, errW) = Pipe();
            FillStdin(inW, stdin, hook.Path);
            LibC.close(inW); inW = -1;
            SetNonBlocking(outR);
            SetNonBlocking(errR);

            try
            {
                pid = Spawner.Spawn(hook.Path, argv, hook.Env, inR, outW, errW);
            }
            catch (SyscallException e)
            {
                throw new ContainerException(ContainerErrorKind.HookFailed, $"{phase} hook {hook.Path} failed: {e.Message}", null, e) { Path = hook.Path };
            }
            LibC.close(inR); inR = -1;
            LibC.close(outW); outW = -1;
            LibC.close(errW); errW = -1;
            pidfd = PidFd.Open(pid);

            var stdout = new Capture();
            var stderr = new Capture();
            var timedOut = !Pump(pidfd, outR, errR, stdout, stderr, hook.Timeout is int t ? t * 1000L : -1);
            if (timedOut) PidFd.Signal(pidfd, LibC.SIGKILL);
            var status = PidFd.Reap(pid);
            pid = -1;
            // Drain what is already in the pipes (a grandchild may still hold them open: never wait for EOF).
            stdout.Drain(outR);
            stderr.Drain(errR);
            return new HookResult(status, timedOut, stdout.Text, stderr.Text);
        }
        finally
        {
            if (pid > 0)
            {
                LibC.kill(pid, LibC.SIGKILL);
                int st;
                waitpid(pid, &st, 0);
            }
            foreach (var fd in (ReadOnlySpan<int>)[inR, inW, outR, outW, errR, errW, pidfd])
                if (fd >= 0) LibC.close(fd);
        }
    }

    // Returns false when the deadline passed before the process exited.
    private static bool Pump(int pidfd, int outR, int errR, Capture stdout, Capture stderr, long timeoutMs)
    {
        var deadline = timeoutMs < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMs;
        var fds = stackalloc PollFd[3];
        bool outOpen = true, errOpen = true;
        while (true)
        {
            var now = Environment.TickCount64;
            if (now >= deadline) return false;
            var wait = deadline == long.MaxValue ? -1 : (int)Math.Min(int.MaxValue, deadline - now);
            fds[0] = new PollFd { Fd = pidfd, Events = LibC.POLLIN };
            fds[1] = new PollFd { Fd = outOpen ? outR : -1, Events = LibC.POLLIN };
            fds[2] = new PollFd { Fd = errOpen ? errR : -1, Events = LibC.POLLIN };
            var n = poll(fds, 3, wait);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR) continue;
                throw new SyscallException("poll", errno, null, "hook");
            }
            if (n == 0) continue;
            if (fds[1].Revents != 0) outOpen = stdout.ReadAvailable(outR);
            if (fds[2].Revents != 0) errOpen = stderr.ReadAvailable(errR);
            if ((fds[0].Revents & LibC.POLLIN) != 0) return true;
        }
    }

    private static void FillStdin(int fd, ReadOnlySpan<byte> data, string path)
    {
        // The whole state is written before the hook starts, so a hook that never reads stdin cannot block us
        // and no SIGPIPE can happen. Grow the pipe when the state is larger than the default 64 KiB.
        if (data.Length > 65536 && LibC.fcntl(fd, LibC.F_SETPIPE_SZ, data.Length) < 0)
            throw SyscallException.FromLastError("fcntl", path, "F_SETPIPE_SZ for hook stdin");
        SetNonBlocking(fd);
        fixed (byte* p = data)
        {
            var off = 0;
            while (off < data.Length)
            {
                var n = LibC.write(fd, p + off, data.Length - off);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR) continue;
                    throw new SyscallException("write", errno, path, "hook stdin");
                }
                off += (int)n;
            }
        }
    }

    private static (int R, int W) Pipe()
    {
        var fds = stackalloc int[2];
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0) throw SyscallException.FromLastError("pipe2");
        return (fds[0], fds[1]);
    }

    private static void SetNonBlocking(int fd)
    {
        var flags = LibC.fcntl(fd, LibC.F_GETFL, 0);
        if (flags < 0 || LibC.fcntl(fd, LibC.F_SETFL, flags | LibC.O_NONBLOCK) < 0) throw SyscallException.FromLastError("fcntl", null, "O_NONBLOCK");
    }

    private sealed class Capture
    {
        private readonly MemoryStream _kept = new();
        private readonly byte[] _buf = new byte[4096];

        public string Text => Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);

        // Reads what is there now; false at EOF.
        public bool ReadAvailable(int fd)
        {
            while (true)
            {
                long n;
                fixed (byte* p = _buf) n = LibC.read(fd, p, _buf.Length);
                if (n > 0)
                {
                    var keep = (int)Math.Min(n, MaxCaptured - _kept.Length);
                    if (keep > 0) _kept.Write(_buf, 0, keep);
                    continue;
                }
                if (n == 0) return false;
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR) continue;
                return errno == Errno.EAGAIN;
            }
        }

        public void Drain(int fd) => ReadAvailable(fd);
    }
}
