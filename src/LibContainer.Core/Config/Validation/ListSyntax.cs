using System.Globalization;

namespace LibContainer.Config.Validation;

/// <summary>Syntax checks shared by several rules: CPU/node lists, interface names, IP addresses, MACs.</summary>
internal static class ListSyntax
{
    /// <summary>"0-3,5": comma-separated numbers or ascending ranges (cpuset, NUMA nodes).</summary>
    public static bool IsCpuList(string? list)
    {
        if (string.IsNullOrEmpty(list)) return false;
        foreach (string part in list.Split(','))
        {
            string[] range = part.Split('-');
            if (range.Length > 2 || !IsNumber(range[0])) return false;
            if (range.Length == 2 && (!IsNumber(range[1]) || Num(range[1]) < Num(range[0]))) return false;
        }
        return true;
    }

    static bool IsNumber(string s) => s.Length is > 0 and <= 9 && s.All(char.IsAsciiDigit);

    static int Num(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>A Linux interface name: 1..15 bytes, not "." or "..", no '/', ':' or whitespace.</summary>
    public static bool IsInterfaceName(string? name)
        => name is { Length: > 0 and <= 15 } && name is not "." and not ".."
           && name.All(c => c > ' ' && c < 127 && c != '/' && c != ':');

    public static bool IsIPv4(string? s)
    {
        if (s is null) return false;
        string[] parts = s.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)
                                                  && int.Parse(p, CultureInfo.InvariantCulture) <= 255
                                                  && (p.Length == 1 || p[0] != '0'));
    }

    public static bool IsIPv6(string? s)
        => s is not null && s.Contains(':') && !s.Contains('%') && !s.Contains('/')
           && System.Net.IPAddress.TryParse(s, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    public static bool IsIP(string? s) => IsIPv4(s) || IsIPv6(s);

    /// <summary>"address/prefix" with an IPv4 (0..32) or IPv6 (0..128) address; host bits may be set.</summary>
    public static bool IsCidr(string? s, bool v4 = true, bool v6 = true)
    {
        if (s is null) return false;
        int slash = s.IndexOf('/');
        if (slash < 0) return false;
        string ip = s[..slash], len = s[(slash + 1)..];
        if (len.Length is 0 or > 3 || !len.All(char.IsAsciiDigit)) return false;
        int prefix = int.Parse(len, CultureInfo.InvariantCulture);
        if (v4 && IsIPv4(ip)) return prefix <= 32;
        if (v6 && IsIPv6(ip)) return prefix <= 128;
        return false;
    }

    /// <summary>Six hex pairs separated by ':'.</summary>
    public static bool IsMac(string? s)
        => s is { Length: 17 } && Enumerable.Range(0, 17).All(i => i % 3 == 2 ? s[i] == ':' : char.IsAsciiHexDigit(s[i]));
}
