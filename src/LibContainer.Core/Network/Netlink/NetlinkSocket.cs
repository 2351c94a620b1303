using System.Runtime.InteropServices;
using LibContainer.Interop;

namespace LibContainer.Network.Netlink;

/// <summary>
/// An rtnetlink socket bound to the network namespace it was opened in (the socket keeps that namespace, so a
/// socket opened while a thread was inside a container's netns acts there after the thread switched back).
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    private const int ReceiveBufferSize = 64 * 1024;
    private readonly byte[] _receive = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize); // pages touched only as used
    private int _fd;
    private uint _sequence;

    private NetlinkSocket(int fd)
    {
        _fd = fd;
        _sequence = (uint)Environment.TickCount;
    }

    /// <summary>Opens a socket in the calling thread's network namespace.</summary>
    public static NetlinkSocket Open()
    {
        var fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, NetlinkNative.NETLINK_ROUTE);
        if (fd < 0) throw SyscallException.FromLastError("socket", detail: "AF_NETLINK, NETLINK_ROUTE");
        var socket = new NetlinkSocket(fd);
        try
        {
            var address = new NetlinkNative.SockaddrNl { Family = LibC.AF_NETLINK };
            if (LibC.bind(fd, (Tmds.Linux.sockaddr*)&address, sizeof(NetlinkNative.SockaddrNl)) < 0)
                throw SyscallException.FromLastError("bind", detail: "netlink socket");
            // Ask for the kernel's error text (extended ack) and a capped echo; older kernels ignore both.
            var one = 1;
            LibC.setsockopt(fd, LibC.SOL_NETLINK, NetlinkNative.NETLINK_CAP_ACK, &one, sizeof(int));
            LibC.setsockopt(fd, LibC.SOL_NETLINK, NetlinkNative.NETLINK_EXT_ACK, &one, sizeof(int));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Opens a socket inside the network namespace behind <paramref name="netnsFd"/>, leaving the thread where it was.</summary>
    public static NetlinkSocket OpenInNetns(int netnsFd)
    {
        using var scope = NetnsScope.Enter(netnsFd);
        return Open();
    }

    /// <summary>Sends a request with NLM_F_ACK and waits for its ack; an error reply throws a <see cref="SyscallException"/>.</summary>
    public void Execute(NetlinkMessageBuilder request, string? subject, string? what)
    {
        foreach (var _ in Exchange(request, subject, what)) { }
    }

    /// <summary>Sends a request and returns every reply (one for a get, many for a dump) up to the ack or NLMSG_DONE.</summary>
    public List<NetlinkMessage> Exchange(NetlinkMessageBuilder request, string? subject, string? what)
    {
        var sequence = ++_sequence;
        var bytes = request.Build(sequence);
        Send(bytes, request.Type, subject);
        var replies = new List<NetlinkMessage>();
        var isDump = (BitConverter.ToUInt16(bytes, 6) & Nl.NLM_F_DUMP) == Nl.NLM_F_DUMP;
        while (true)
        {
            foreach (var message in Receive(request.Type, subject))
            {
                if (message.Sequence != sequence) continue; // a late reply to an earlier request
                switch (message.Type)
                {
                    case Nl.NLMSG_ERROR:
                        var (errno, kernelText) = message.ReadError();
                        if (errno != 0)
                            throw new SyscallException($"netlink {Nl.TypeName(request.Type)}", errno, subject, Detail(what, kernelText));
                        return replies;
                    case Nl.NLMSG_DONE:
                        return replies;
                    case Nl.NLMSG_NOOP:
                        continue;
                    default:
                        replies.Add(message);
                        // A get without NLM_F_ACK ends with its single reply.
                        if (!isDump && (message.Flags & Nl.NLM_F_MULTI) == 0 && (BitConverter.ToUInt16(bytes, 6) & Nl.NLM_F_ACK) == 0)
                            return replies;
                        break;
                }
            }
        }
    }

    private static string? Detail(string? what, string? kernelText) =>
        kernelText is null ? what : what is null ? kernelText : $"{what}: {kernelText}";

    private void Send(byte[] bytes, ushort type, string? subject)
    {
        fixed (byte* p = bytes)
        {
            while (true)
            {
                var sent = LibC.send(_fd, p, bytes.Length, 0);
                if (sent >= 0) return;
                if (Marshal.GetLastPInvokeError() == Errno.EINTR) continue;
                throw SyscallException.FromLastError($"netlink send {Nl.TypeName(type)}", subject);
            }
        }
    }

    private List<NetlinkMessage> Receive(ushort type, string? subject)
    {
        fixed (byte* p = _receive)
        {
            while (true)
            {
                var received = LibC.recv(_fd, p, _receive.Length, 0);
                if (received >= 0) return NetlinkMessage.ParseAll(_receive.AsSpan(0, (int)received));
                if (Marshal.GetLastPInvokeError() == Errno.EINTR) continue;
                throw SyscallException.FromLastError($"netlink recv {Nl.TypeName(type)}", subject);
            }
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            LibC.close(_fd);
            _fd = -1;
        }
    }
}
