using System.Buffers.Binary;
using System.Text;

namespace LibContainer.Network.Netlink;

/// <summary>
/// Builds one netlink message: nlmsghdr, a family header (ifinfomsg/ifaddrmsg/rtmsg) and rtattrs, nested as needed.
/// Netlink is host byte order (little-endian here); every attribute is padded to 4 bytes.
/// </summary>
internal sealed class NetlinkMessageBuilder
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public NetlinkMessageBuilder(ushort type, ushort flags)
    {
        Type = type;
        _length = Nl.HeaderSize;
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(6), flags);
    }

    public ushort Type { get; }

    /// <summary>struct ifinfomsg: family, pad, type, index, flags, change.</summary>
    public NetlinkMessageBuilder IfInfo(byte family = Nl.AF_UNSPEC, int index = 0, uint flags = 0, uint change = 0, ushort deviceType = 0)
    {
        var s = Reserve(Nl.IfInfoMsgSize);
        s[0] = family;
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], deviceType);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], index);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], change);
        return this;
    }

    /// <summary>struct ifaddrmsg: family, prefixlen, flags, scope, index.</summary>
    public NetlinkMessageBuilder IfAddr(byte family, byte prefixLength, byte flags, byte scope, int index)
    {
        var s = Reserve(Nl.IfAddrMsgSize);
        s[0] = family;
        s[1] = prefixLength;
        s[2] = flags;
        s[3] = scope;
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], index);
        return this;
    }

    /// <summary>struct rtmsg: family, dst_len, src_len, tos, table, protocol, scope, type, flags.</summary>
    public NetlinkMessageBuilder RtMsg(byte family, byte dstLength, byte table, byte protocol, byte scope, byte type, byte srcLength = 0, uint flags = 0)
    {
        var s = Reserve(Nl.RtMsgSize);
        s[0] = family;
        s[1] = dstLength;
        s[2] = srcLength;
        s[3] = 0; // tos
        s[4] = table;
        s[5] = protocol;
        s[6] = scope;
        s[7] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], flags);
        return this;
    }

    public NetlinkMessageBuilder Attr(ushort type, ReadOnlySpan<byte> value)
    {
        var s = Reserve(Nl.Align(Nl.AttrHeaderSize + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)(Nl.AttrHeaderSize + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], type);
        value.CopyTo(s[Nl.AttrHeaderSize..]);
        return this;
    }

    public NetlinkMessageBuilder AttrU32(ushort type, uint value)
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(v, value);
        return Attr(type, v);
    }

    /// <summary>A NUL-terminated string attribute (IFLA_IFNAME, IFLA_INFO_KIND).</summary>
    public NetlinkMessageBuilder AttrString(ushort type, string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return Attr(type, bytes);
    }

    /// <summary>Starts a nested attribute; close it with <see cref="EndNested"/> once its children are written.</summary>
    public int BeginNested(ushort type)
    {
        var start = _length;
        var s = Reserve(Nl.AttrHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], type);
        return start;
    }

    public NetlinkMessageBuilder EndNested(int start)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start), (ushort)(_length - start));
        return this;
    }

    /// <summary>The finished message with its length, sequence number and port id filled in.</summary>
    public byte[] Build(uint sequence, uint portId = 0)
    {
        var result = _buffer.AsSpan(0, _length).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result, (uint)_length);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(8), sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(12), portId);
        return result;
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        span.Clear();
        _length += count;
        return span;
    }
}
