using System.Buffers.Binary;
using System.Text;

namespace LibContainer.Network.Netlink;

/// <summary>One received netlink message: header fields and the payload after the 16-byte header.</summary>
internal sealed record NetlinkMessage(ushort Type, ushort Flags, uint Sequence, uint PortId, byte[] Payload)
{
    /// <summary>Splits a datagram into its messages; a malformed length ends the walk with an error.</summary>
    public static List<NetlinkMessage> ParseAll(ReadOnlySpan<byte> data)
    {
        var messages = new List<NetlinkMessage>();
        var offset = 0;
        while (data.Length - offset >= Nl.HeaderSize)
        {
            var span = data[offset..];
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(span);
            if (length < Nl.HeaderSize || length > span.Length)
                throw new InvalidDataException($"netlink: message length {length} at offset {offset} does not fit the {data.Length}-byte datagram");
            messages.Add(new NetlinkMessage(
                BinaryPrimitives.ReadUInt16LittleEndian(span[4..]),
                BinaryPrimitives.ReadUInt16LittleEndian(span[6..]),
                BinaryPrimitives.ReadUInt32LittleEndian(span[8..]),
                BinaryPrimitives.ReadUInt32LittleEndian(span[12..]),
                span[Nl.HeaderSize..length].ToArray()));
            offset += Nl.Align(length);
        }
        return messages;
    }

    /// <summary>For NLMSG_ERROR: the (positive) errno, 0 for an ack, and the kernel's extended-ack text if any.</summary>
    public (int Errno, string? KernelMessage) ReadError()
    {
        if (Type != Nl.NLMSG_ERROR || Payload.Length < 4)
            throw new InvalidOperationException("not an NLMSG_ERROR message");
        var error = -BinaryPrimitives.ReadInt32LittleEndian(Payload);
        string? text = null;
        if ((Flags & Nl.NLM_F_ACK_TLVS) != 0 && Payload.Length >= 4 + Nl.HeaderSize)
        {
            // The echoed request follows: only its header when capped, the whole message otherwise.
            var echoedLength = (Flags & Nl.NLM_F_CAPPED) != 0
                ? Nl.HeaderSize
                : (int)BinaryPrimitives.ReadUInt32LittleEndian(Payload.AsSpan(4));
            var tlvStart = 4 + Nl.Align(echoedLength);
            if (tlvStart <= Payload.Length)
            {
                foreach (var attr in NetlinkAttribute.ParseAll(Payload.AsSpan(tlvStart)))
                    if (attr.Type == Nl.NLMSGERR_ATTR_MSG) text = attr.AsString();
            }
        }
        return (error, text);
    }
}

/// <summary>One rtattr: its type (nested/byte-order flags removed) and value.</summary>
internal readonly record struct NetlinkAttribute(ushort Type, byte[] Value)
{
    public static List<NetlinkAttribute> ParseAll(ReadOnlySpan<byte> data)
    {
        var attributes = new List<NetlinkAttribute>();
        var offset = 0;
        while (data.Length - offset >= Nl.AttrHeaderSize)
        {
            var span = data[offset..];
            var length = BinaryPrimitives.ReadUInt16LittleEndian(span);
            if (length < Nl.AttrHeaderSize || length > span.Length)
                break; // truncated tail: ignore, as the kernel's own parser does for trailing bytes
            var type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(span[2..]) & Nl.NLA_TYPE_MASK);
            attributes.Add(new NetlinkAttribute(type, span[Nl.AttrHeaderSize..length].ToArray()));
            offset += Nl.Align(length);
        }
        return attributes;
    }

    public uint AsU32() => BinaryPrimitives.ReadUInt32LittleEndian(Value);

    public string AsString()
    {
        var end = Array.IndexOf(Value, (byte)0);
        return Encoding.UTF8.GetString(Value, 0, end < 0 ? Value.Length : end);
    }

    public List<NetlinkAttribute> Nested() => ParseAll(Value);
}
