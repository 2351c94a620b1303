using System.Text;
using LibContainer.Interop;

namespace LibContainer.Runtime.Protocol;

// The parent/init protocol, all of it (documented in docs/protocol.md). One SOCK_SEQPACKET socketpair per launch:
// every message is one datagram: [u32 type][i32 errno][i32 value][step\0syscall\0path\0message\0].
// Init receives the already-parsed config through the fork (the clone copies the parent's memory), so no
// config message exists; everything else is below.

public enum InitMessageType : uint
{
    /// <summary>parent → init: maps written (user ns), early cgroup joined; init may start its setup.</summary>
    Go = 1,
    /// <summary>init → parent: namespaces and mounts exist, before pivot_root: run prestart + createRuntime hooks.</summary>
    RunRuntimeHooks = 2,
    /// <summary>parent → init: the runtime hooks ran.</summary>
    HooksDone = 3,
    /// <summary>init → parent: setup complete; init now blocks on the exec fifo. Value = nothing.</summary>
    Ready = 4,
    /// <summary>init → parent: a step failed (step, syscall, errno, path, message). Init exits after sending it.</summary>
    Error = 5,
    /// <summary>exec helper → parent: the host pid of the process that will exec in the container (Value).</summary>
    Pid = 6,
}

public readonly record struct InitMessage(InitMessageType Type, int Errno = 0, int Value = 0,
    string Step = "", string Syscall = "", string Path = "", string Message = "")
{
    /// <summary>The user-facing text: the message when init gave one, else crun's `syscall 'path': text`.</summary>
    public string Describe()
    {
        if (Message.Length > 0) return Message;
        if (Syscall.Length > 0) return SyscallException.Format(Syscall, Errno, Path.Length > 0 ? Path : null, null);
        return $"init failed at step {Step}";
    }

    /// <summary>The exception an Error message stands for: its text, step, syscall, errno and path.</summary>
    public InitFailedException ToException(string? containerId) => new(Describe(), Step, Syscall, Errno, Path, containerId);
}

public static class InitMessageExtensions
{
    /// <summary>The message as received (null: the peer closed its end), unless it is an Error: then its
    /// <see cref="InitMessage.ToException"/> is thrown.</summary>
    public static InitMessage? ThrowIfError(this InitMessage? m, string? containerId) =>
        m is { Type: InitMessageType.Error } e ? throw e.ToException(containerId) : m;
}

/// <summary>One end of the socketpair.</summary>
public sealed unsafe class InitChannel
{
    private const int StackBuffer = 4096;
    private const int MSG_PEEK = 0x2, MSG_TRUNC = 0x20;

    public InitChannel(int fd) => Fd = fd;

    public int Fd { get; }

    /// <summary>Creates the pair, both ends close-on-exec (init's end closing is the parent's "exec happened" signal).</summary>
    public static (InitChannel Parent, InitChannel Child) CreatePair()
    {
        int* sv = stackalloc int[2];
        RuntimeSys.Check(LibC.socketpair(Libc.AF_UNIX, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0, sv), "socketpair");
        return (new InitChannel(sv[0]), new InitChannel(sv[1]));
    }

    public void Send(InitMessage m)
    {
        var text = Encoding.UTF8.GetBytes($"{m.Step}\0{m.Syscall}\0{m.Path}\0{m.Message}\0");
        var buf = new byte[12 + text.Length];
        BitConverter.TryWriteBytes(buf.AsSpan(0), (uint)m.Type);
        BitConverter.TryWriteBytes(buf.AsSpan(4), m.Errno);
        BitConverter.TryWriteBytes(buf.AsSpan(8), m.Value);
        text.CopyTo(buf, 12);
        fixed (byte* p = buf)
        {
            long n;
            do n = LibC.send(Fd, p, buf.Length, LibC.MSG_NOSIGNAL);
            while (n < 0 && RuntimeSys.Errno == LibContainer.Errno.EINTR);
            if (n < 0) throw SyscallException.FromLastError("send", null, "init protocol");
        }
    }

    public void Send(InitMessageType type, int value = 0) => Send(new InitMessage(type, Value: value));

    /// <summary>Receives one message. Blocks, but never without also watching <paramref name="pidfd"/> (the peer's
    /// process): returns null when the peer closed its end (exec'd or exited) or died.</summary>
    public InitMessage? Receive(int pidfd = -1)
    {
        var fds = stackalloc PollFd[2];
        fds[0] = new PollFd { Fd = Fd, Events = LibC.POLLIN };
        fds[1] = new PollFd { Fd = pidfd, Events = LibC.POLLIN };
        while (true)
        {
            int rc = Libc.poll(fds, pidfd >= 0 ? 2u : 1u, -1);
            if (rc < 0)
            {
                if (RuntimeSys.Errno == LibContainer.Errno.EINTR) continue;
                throw SyscallException.FromLastError("poll", null, "init protocol");
            }
            if (fds[0].Revents != 0) break;
            // The peer died without closing its end first (impossible for a process, but be safe): try a read anyway.
            if (fds[1].Revents != 0) { fds[1].Fd = -1; pidfd = -1; if (!HasData()) return null; break; }
        }
        // Messages are small: a stack buffer, unless peeking shows a longer one (a fresh 64 KiB array per message
        // cost page faults in both processes).
        byte* stack = stackalloc byte[StackBuffer];
        nint length = Recv(stack, StackBuffer, MSG_PEEK | MSG_TRUNC);
        if (length == 0) return null;
        byte[]? heap = length > StackBuffer ? new byte[length] : null;
        nint n;
        fixed (byte* h = heap) n = Recv(heap is null ? stack : h, heap?.Length ?? StackBuffer, 0);
        if (n == 0) return null;
        if (n < 12) throw new ContainerException(ContainerErrorKind.SystemError, "init protocol: short message");
        var buf = heap is null ? new ReadOnlySpan<byte>(stack, (int)n) : heap.AsSpan(0, (int)n);
        var parts = Encoding.UTF8.GetString(buf[12..]).Split('\0');
        string Part(int i) => i < parts.Length ? parts[i] : "";
        return new InitMessage((InitMessageType)BitConverter.ToUInt32(buf), BitConverter.ToInt32(buf[4..]),
            BitConverter.ToInt32(buf[8..]), Part(0), Part(1), Part(2), Part(3));
    }

    private nint Recv(byte* buffer, int size, int flags)
    {
        long n;
        do n = LibC.recv(Fd, buffer, size, flags);
        while (n < 0 && RuntimeSys.Errno == LibContainer.Errno.EINTR);
        if (n < 0) throw SyscallException.FromLastError("recv", null, "init protocol");
        return (nint)n;
    }

    private bool HasData()
    {
        var fd = new PollFd { Fd = Fd, Events = LibC.POLLIN };
        return Libc.poll(&fd, 1, 0) > 0;
    }

    public void Close() => RuntimeSys.Close(Fd);
}
