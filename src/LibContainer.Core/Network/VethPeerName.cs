using System.Globalization;

namespace LibContainer.Network;

/// <summary>
/// The temporary name of a veth pair's container end while it is still in the runtime's network namespace:
/// "lcp" + the creating process's pid in hex + "x" + random hex (15 bytes). It normally leaves within milliseconds
/// (moved into the container's namespace and renamed there); one still here whose creator is gone was left by a
/// create killed in between, and `nsinit gc` removes it (deleting one end deletes the pair).
/// </summary>
internal static class VethPeerName
{
    public const string Prefix = "lcp";
    private const int MaxLength = 15;

    public static string New(int creatorPid)
    {
        var head = Prefix + creatorPid.ToString("x", CultureInfo.InvariantCulture) + "x";
        // Random, not crypto: a clash only costs a retry (EEXIST).
        var random = ((ulong)Random.Shared.NextInt64()).ToString("x16", CultureInfo.InvariantCulture);
        return head + random[..(MaxLength - head.Length)];
    }

    /// <summary>The pid of the process that made a peer named by <see cref="New"/>; null for any other name.</summary>
    public static int? CreatorOf(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        int x = name.IndexOf('x', Prefix.Length);
        if (x <= Prefix.Length) return null;
        return int.TryParse(name.AsSpan(Prefix.Length, x - Prefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int pid)
            && pid > 0 ? pid : null;
    }
}
