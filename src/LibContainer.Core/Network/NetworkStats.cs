using System.Globalization;
using LibContainer.Stats;

namespace LibContainer.Network;

/// <summary>Per-interface counters of a container, read from /proc/PID/net/dev (which shows the process's netns).</summary>
public static class NetworkStats
{
    /// <summary>The container's interfaces and their counters; the loopback device only when asked for.</summary>
    public static List<NetworkInterfaceStats> Read(int containerPid, bool includeLoopback = false, string procRoot = "/proc")
    {
        var path = $"{procRoot}/{containerPid}/net/dev";
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw new SyscallException("open", Errno.ENOENT, path);
        }
        catch (DirectoryNotFoundException)
        {
            throw new SyscallException("open", Errno.ENOENT, path);
        }
        var stats = Parse(text);
        if (!includeLoopback) stats.RemoveAll(s => s.Name == "lo");
        return stats;
    }

    /// <summary>
    /// Parses the net/dev table: two header lines, then "name: rx bytes packets errs drop fifo frame compressed
    /// multicast tx bytes packets errs drop fifo colls carrier compressed".
    /// </summary>
    public static List<NetworkInterfaceStats> Parse(string text)
    {
        var result = new List<NetworkInterfaceStats>();
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var name = line[..colon].Trim();
            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (name.Length == 0 || fields.Length < 16 || name.Contains('|')) continue;
            ulong F(int i) => ulong.Parse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture);
            result.Add(new NetworkInterfaceStats
            {
                Name = name,
                RxBytes = F(0), RxPackets = F(1), RxErrors = F(2), RxDropped = F(3),
                TxBytes = F(8), TxPackets = F(9), TxErrors = F(10), TxDropped = F(11),
            });
        }
        return result;
    }
}
