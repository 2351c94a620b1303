using System.Net;

namespace LibContainer.Network.Netlink;

/// <summary>
/// Link, address and route operations in the network namespace of one netlink socket.
/// Every failure is a <see cref="SyscallException"/> named "netlink RTM_…" with the interface name as its path.
/// </summary>
public sealed class Rtnetlink : IDisposable
{
    private readonly NetlinkSocket _socket;

    private Rtnetlink(NetlinkSocket socket) => _socket = socket;

    /// <summary>Operations in the calling thread's network namespace.</summary>
    public static Rtnetlink Open() => new(NetlinkSocket.Open());

    /// <summary>Operations in the network namespace of a process (via /proc/PID/ns/net).</summary>
    public static Rtnetlink OpenForProcess(int pid, string procRoot = "/proc")
    {
        var fd = NetnsScope.OpenNetns(NetnsScope.ProcessNetnsPath(pid, procRoot));
        try { return OpenInNetns(fd); }
        finally { LibC.close(fd); }
    }

    /// <summary>Operations in the network namespace behind an open namespace fd.</summary>
    public static Rtnetlink OpenInNetns(int netnsFd) => new(NetlinkSocket.OpenInNetns(netnsFd));

    public LinkInfo? FindLink(string name)
    {
        try
        {
            var replies = _socket.Exchange(RtnetlinkRequests.GetLinkByName(name), name, "look up link");
            return replies.Count == 0 ? null : LinkInfo.Parse(replies[0].Payload);
        }
        catch (SyscallException e) when (e.Errno == Errno.ENODEV)
        {
            return null;
        }
    }

    public LinkInfo? FindLink(int index)
    {
        try
        {
            var replies = _socket.Exchange(RtnetlinkRequests.GetLinkByIndex(index), $"#{index}", "look up link");
            return replies.Count == 0 ? null : LinkInfo.Parse(replies[0].Payload);
        }
        catch (SyscallException e) when (e.Errno == Errno.ENODEV)
        {
            return null;
        }
    }

    public LinkInfo GetLink(string name) =>
        FindLink(name) ?? throw new SyscallException("netlink RTM_GETLINK", Errno.ENODEV, name, "look up link");

    public List<LinkInfo> ListLinks() =>
        _socket.Exchange(RtnetlinkRequests.DumpLinks(), null, "list links")
            .Where(m => m.Type == Nl.RTM_NEWLINK)
            .Select(m => LinkInfo.Parse(m.Payload))
            .ToList();

    public LinkInfo CreateBridge(string name)
    {
        _socket.Execute(RtnetlinkRequests.NewBridge(name), name, "create bridge");
        return GetLink(name);
    }

    public LinkInfo CreateVeth(string name, string peerName, int? mtu = null, int? peerNetnsFd = null)
    {
        _socket.Execute(RtnetlinkRequests.NewVeth(name, peerName, mtu, peerNetnsFd), name, $"create veth pair with peer {peerName}");
        return GetLink(name);
    }

    public void SetUp(LinkInfo link) => _socket.Execute(RtnetlinkRequests.SetFlags(link.Index, up: true), link.Name, "set up");

    public void SetDown(LinkInfo link) => _socket.Execute(RtnetlinkRequests.SetFlags(link.Index, up: false), link.Name, "set down");

    public void SetMaster(LinkInfo link, LinkInfo master) =>
        _socket.Execute(RtnetlinkRequests.SetMaster(link.Index, master.Index), link.Name, $"attach to {master.Name}");

    public void SetMtu(LinkInfo link, int mtu) =>
        _socket.Execute(RtnetlinkRequests.SetMtu(link.Index, mtu), link.Name, $"set MTU {mtu}");

    public void SetMacAddress(LinkInfo link, string mac)
    {
        if (!NetworkValidation.TryParseMac(mac, out var bytes))
            throw new ArgumentException($"'{mac}' is not a MAC address", nameof(mac));
        _socket.Execute(RtnetlinkRequests.SetHardwareAddress(link.Index, bytes), link.Name, $"set MAC {mac}");
    }

    public void Rename(LinkInfo link, string newName) =>
        _socket.Execute(RtnetlinkRequests.Rename(link.Index, newName), link.Name, $"rename to {newName}");

    public void MoveToNetnsFd(LinkInfo link, int netnsFd, string? newName = null) =>
        _socket.Execute(RtnetlinkRequests.MoveToNetnsFd(link.Index, netnsFd, newName), link.Name,
            newName is null || newName == link.Name ? "move to network namespace" : $"move to network namespace as {newName}");

    /// <summary>The global-scope addresses of a link (what a move to another namespace drops).</summary>
    public List<IpPrefix> GlobalAddresses(LinkInfo link)
    {
        var result = new List<IpPrefix>();
        foreach (var m in _socket.Exchange(RtnetlinkRequests.DumpAddresses(), link.Name, "list addresses"))
        {
            if (m.Type != Nl.RTM_NEWADDR || m.Payload.Length < Nl.IfAddrMsgSize) continue;
            byte prefixLength = m.Payload[1], scope = m.Payload[3];
            int index = BitConverter.ToInt32(m.Payload, 4);
            if (index != link.Index || scope != Nl.RT_SCOPE_UNIVERSE) continue;
            byte[]? local = null, address = null;
            foreach (var a in NetlinkAttribute.ParseAll(m.Payload.AsSpan(Nl.IfAddrMsgSize)))
            {
                if (a.Type == Nl.IFA_LOCAL) local = a.Value;
                else if (a.Type == Nl.IFA_ADDRESS) address = a.Value;
            }
            if ((local ?? address) is { } bytes) result.Add(new IpPrefix(new IPAddress(bytes), prefixLength));
        }
        return result;
    }

    public void MoveToNetnsPid(LinkInfo link, int pid) =>
        _socket.Execute(RtnetlinkRequests.MoveToNetnsPid(link.Index, pid), link.Name, $"move to network namespace of pid {pid}");

    public void DeleteLink(LinkInfo link) => _socket.Execute(RtnetlinkRequests.DeleteLink(link.Index), link.Name, "delete link");

    /// <summary>Deletes the named link; false when it does not exist (any more).</summary>
    public bool DeleteLink(string name)
    {
        var link = FindLink(name);
        if (link is null) return false;
        try
        {
            DeleteLink(link);
            return true;
        }
        catch (SyscallException e) when (e.Errno == Errno.ENODEV)
        {
            return false;
        }
    }

    public void AddAddress(LinkInfo link, IpPrefix address) =>
        _socket.Execute(RtnetlinkRequests.NewAddress(link.Index, address), link.Name, $"add address {address}");

    /// <summary>Adds a route; a destination of null means the default route of the gateway's family.</summary>
    public void AddRoute(IpPrefix? destination, IPAddress? gateway, IPAddress? preferredSource, LinkInfo? outputInterface)
    {
        var family = destination?.Address ?? gateway ?? preferredSource
            ?? throw new ArgumentException("a route needs a destination or a gateway");
        var dst = destination ?? new IpPrefix(family.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var text = $"add route {dst}" + (gateway is null ? "" : $" via {gateway}") + (preferredSource is null ? "" : $" src {preferredSource}");
        _socket.Execute(RtnetlinkRequests.NewRoute(dst, gateway, preferredSource, outputInterface?.Index ?? 0), outputInterface?.Name ?? dst.ToString(), text);
    }

    public void Dispose() => _socket.Dispose();
}
