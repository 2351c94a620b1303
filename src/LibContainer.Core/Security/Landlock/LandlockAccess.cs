namespace LibContainer.Security.Landlock;

/// <summary>One Landlock access right: its name in process.landlock (runtime-spec PR #1241: the kernel's
/// LANDLOCK_ACCESS_FS_* / LANDLOCK_ACCESS_NET_* in lower case without the prefix), its bit and the ABI that added it.</summary>
public sealed record LandlockAccess(string Name, bool Network, int Bit, int Abi)
{
    public ulong Mask => 1UL << Bit;

    /// <summary>Every right Landlock has (include/uapi/linux/landlock.h), by ABI version.</summary>
    public static IReadOnlyList<LandlockAccess> All { get; } =
    [
        new("execute", false, 0, 1), new("write_file", false, 1, 1), new("read_file", false, 2, 1), new("read_dir", false, 3, 1),
        new("remove_dir", false, 4, 1), new("remove_file", false, 5, 1), new("make_char", false, 6, 1), new("make_dir", false, 7, 1),
        new("make_reg", false, 8, 1), new("make_sock", false, 9, 1), new("make_fifo", false, 10, 1), new("make_block", false, 11, 1),
        new("make_sym", false, 12, 1), new("refer", false, 13, 2), new("truncate", false, 14, 3), new("ioctl_dev", false, 15, 5),
        new("bind_tcp", true, 0, 4), new("connect_tcp", true, 1, 4),
    ];

    public static LandlockAccess? Find(string? name, bool network) =>
        All.FirstOrDefault(a => a.Network == network && a.Name == name);

    /// <summary>The names of one kind, for error messages.</summary>
    public static string Names(bool network) => string.Join(", ", All.Where(a => a.Network == network).Select(a => a.Name));
}
