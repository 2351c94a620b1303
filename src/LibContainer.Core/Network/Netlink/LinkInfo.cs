using System.Buffers.Binary;

namespace LibContainer.Network.Netlink;

/// <summary>Counters from IFLA_STATS64 (struct rtnl_link_stats64, first eight fields).</summary>
public readonly record struct LinkStats64(
    ulong RxPackets, ulong TxPackets, ulong RxBytes, ulong TxBytes,
    ulong RxErrors, ulong TxErrors, ulong RxDropped, ulong TxDropped);

/// <summary>A network interface as rtnetlink reports it (an RTM_NEWLINK reply).</summary>
public sealed record LinkInfo(
    int Index, string Name, uint Flags, int Mtu, byte[]? HardwareAddress, int MasterIndex, string? Kind, LinkStats64? Stats)
{
    public bool IsUp => (Flags & Nl.IFF_UP) != 0;

    public string? MacAddress => HardwareAddress is { Length: 6 } mac ? string.Join(':', mac.Select(b => b.ToString("x2"))) : null;

    /// <summary>Parses the payload of an RTM_NEWLINK message (ifinfomsg then attributes).</summary>
    internal static LinkInfo Parse(byte[] payload)
    {
        if (payload.Length < Nl.IfInfoMsgSize)
            throw new InvalidDataException($"netlink: RTM_NEWLINK payload of {payload.Length} bytes is shorter than ifinfomsg");
        var index = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(4));
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(8));
        string name = "";
        int mtu = 0, master = 0;
        byte[]? address = null;
        string? kind = null;
        LinkStats64? stats = null;
        foreach (var attr in NetlinkAttribute.ParseAll(payload.AsSpan(Nl.IfInfoMsgSize)))
        {
            switch (attr.Type)
            {
                case Nl.IFLA_IFNAME: name = attr.AsString(); break;
                case Nl.IFLA_MTU: mtu = (int)attr.AsU32(); break;
                case Nl.IFLA_MASTER: master = (int)attr.AsU32(); break;
                case Nl.IFLA_ADDRESS: address = attr.Value; break;
                case Nl.IFLA_STATS64 when attr.Value.Length >= 64: stats = ParseStats64(attr.Value); break;
                case Nl.IFLA_LINKINFO:
                    foreach (var info in attr.Nested())
                        if (info.Type == Nl.IFLA_INFO_KIND) kind = info.AsString();
                    break;
            }
        }
        return new LinkInfo(index, name, flags, mtu, address, master, kind, stats);
    }

    internal static LinkStats64 ParseStats64(byte[] v)
    {
        ulong At(int i) => BinaryPrimitives.ReadUInt64LittleEndian(v.AsSpan(i * 8));
        return new LinkStats64(At(0), At(1), At(2), At(3), At(4), At(5), At(6), At(7));
    }
}
