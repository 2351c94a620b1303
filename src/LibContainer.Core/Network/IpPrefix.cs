using System.Net;
using System.Net.Sockets;

namespace LibContainer.Network;

/// <summary>An address with its prefix length, as written in CIDR notation ("172.17.0.2/16", "fd00::2/64").</summary>
public readonly record struct IpPrefix(IPAddress Address, int PrefixLength)
{
    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    public override string ToString() => $"{Address}/{PrefixLength}";

    /// <summary>The IPv4 broadcast address of the prefix (all host bits set).</summary>
    public IPAddress Broadcast()
    {
        if (IsIPv6) throw new InvalidOperationException("IPv6 has no broadcast address");
        var bytes = Address.GetAddressBytes();
        var host = PrefixLength >= 32 ? 0u : uint.MaxValue >> PrefixLength;
        var value = ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]) | host;
        return new IPAddress(new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value });
    }
}
