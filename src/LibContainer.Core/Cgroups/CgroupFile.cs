using System.Text;
using LibContainer.Interop;

namespace LibContainer.Cgroups;

/// <summary>Reads and writes single cgroup control files with one read/write syscall each, failing with the errno.</summary>
internal static unsafe class CgroupFile
{
    /// <summary>Reads a whole control file; null when it does not exist.</summary>
    public static string? TryRead(string path) => RuntimeSys.TryReadText(path);

    public static string Read(string path) => TryRead(path) ?? throw new SyscallException("open", Errno.ENOENT, path);

    /// <summary>Writes a value in one write(2), as the kernel parses each write separately.</summary>
    public static void Write(string path, string value)
    {
        int errno = TryWrite(path, value);
        if (errno != 0) throw new SyscallException(errno < 0 ? "open" : "write", Math.Abs(errno), path, $"value \"{ErrorText.Value(value)}\"");
    }

    /// <summary>0 on success, -errno when open failed, +errno when write failed.</summary>
    public static int TryWrite(string path, string value)
    {
        // O_TRUNC is ignored by cgroupfs and makes plain files (test trees) hold exactly the last value.
        int fd = RuntimeSys.TryOpen(path, LibC.O_WRONLY | LibC.O_TRUNC | LibC.O_CLOEXEC);
        if (fd < 0) return -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        try
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            while (true)
            {
                long n;
                fixed (byte* p = bytes) n = LibC.write(fd, p, bytes.Length);
                if (n >= 0) return 0;
                int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR) return errno;
            }
        }
        finally
        {
            LibC.close(fd);
        }
    }

    /// <summary>First line of a file as a trimmed string, null when absent.</summary>
    public static string? TryReadLine(string path)
    {
        var s = TryRead(path);
        if (s is null) return null;
        int nl = s.IndexOf('\n');
        return (nl >= 0 ? s[..nl] : s).Trim();
    }

    /// <summary>A single unsigned number; "max" reads as ulong.MaxValue; absent or unparsable reads as 0.</summary>
    public static ulong ReadUInt64(string path)
    {
        var s = TryReadLine(path);
        return ParseUInt64(s);
    }

    public static ulong ParseUInt64(string? s)
    {
        if (string.IsNullOrEmpty(s)) return 0;
        if (s == "max") return ulong.MaxValue;
        if (ulong.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)) return v;
        // v1 reports "unlimited" limits as a huge signed value; negative values (-1) mean no limit.
        if (long.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l) && l < 0)
            return ulong.MaxValue;
        return 0;
    }

    /// <summary>A limit file: <see cref="Stats.StatsLimit.Unlimited"/> for "max" (v2), a negative value and v1's
    /// page-rounded LONG_MAX (9223372036854771712 with 4 KiB pages): one convention whatever the cgroup version.</summary>
    public static ulong ReadLimit(string path) => ParseLimit(TryReadLine(path));

    public static ulong ParseLimit(string? s)
    {
        var v = ParseUInt64(s);
        return v >= V1Unlimited ? Stats.StatsLimit.Unlimited : v;
    }

    /// <summary>LONG_MAX rounded down to 64 KiB, the largest page size: v1 reports no limit as LONG_MAX page-aligned.</summary>
    private const ulong V1Unlimited = 0x7FFF_FFFF_FFFF_0000;

    /// <summary>"key value" lines (memory.stat, cpu.stat, memory.events, …) as a dictionary.</summary>
    public static Dictionary<string, ulong> ReadKeyValues(string path)
    {
        var result = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var text = TryRead(path);
        if (text is null) return result;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int sp = line.IndexOf(' ');
            if (sp <= 0) continue;
            result[line[..sp]] = ParseUInt64(line[(sp + 1)..].Trim());
        }
        return result;
    }

    /// <summary>Pids from cgroup.procs / tasks.</summary>
    public static List<int> ReadPids(string path)
    {
        var pids = new List<int>();
        var text = TryRead(path);
        if (text is null) return pids;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (int.TryParse(line.Trim(), out var pid)) pids.Add(pid);
        return pids;
    }

    public static bool SetMarker(string dir, string name, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        fixed (byte* p = bytes) return CgroupNative.SetXattr(dir, name, p, bytes.Length, 0) == 0;
    }

    public static string? GetMarker(string dir, string name) => TryGetMarker(dir, name, out var value) ? value : null;

    /// <summary>False when <paramref name="dir"/> is gone; otherwise its marker's value (null when it has none).</summary>
    public static bool TryGetMarker(string dir, string name, out string? value)
    {
        const int Size = 4096;
        byte* buf = stackalloc byte[Size];
        nint n = CgroupNative.GetXattr(dir, name, buf, Size);
        value = n >= 0 ? Encoding.UTF8.GetString(buf, (int)n) : null;
        return n >= 0 || System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != Errno.ENOENT;
    }
}
