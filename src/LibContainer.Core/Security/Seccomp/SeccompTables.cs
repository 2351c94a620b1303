namespace LibContainer.Security.Seccomp;

/// <summary>The OCI seccomp names and what they mean to libseccomp and the kernel. The validator's lists
/// (OciNames) and `nsinit features` are derived from these tables, so a name is accepted only if it is applied.</summary>
public static class SeccompTables
{
    /// <summary>OCI action → libseccomp action; ERRNO and TRACE carry errnoRet (default EPERM) in the low 16 bits.</summary>
    internal static IReadOnlyDictionary<string, uint> Actions { get; } = new Dictionary<string, uint>
    {
        ["SCMP_ACT_KILL"] = 0x00000000, // = KILL_THREAD
        ["SCMP_ACT_KILL_PROCESS"] = 0x80000000,
        ["SCMP_ACT_KILL_THREAD"] = 0x00000000,
        ["SCMP_ACT_TRAP"] = 0x00030000,
        ["SCMP_ACT_ERRNO"] = 0x00050000,
        ["SCMP_ACT_TRACE"] = 0x7ff00000,
        ["SCMP_ACT_ALLOW"] = 0x7fff0000,
        ["SCMP_ACT_LOG"] = 0x7ffc0000,
        ["SCMP_ACT_NOTIFY"] = 0x7fc00000,
    };

    /// <summary>OCI operator → enum scmp_compare.</summary>
    internal static IReadOnlyDictionary<string, int> Operators { get; } = new Dictionary<string, int>
    {
        ["SCMP_CMP_NE"] = 1, ["SCMP_CMP_LT"] = 2, ["SCMP_CMP_LE"] = 3, ["SCMP_CMP_EQ"] = 4,
        ["SCMP_CMP_GE"] = 5, ["SCMP_CMP_GT"] = 6, ["SCMP_CMP_MASKED_EQ"] = 7,
    };

    /// <summary>OCI filter flag → seccomp(2) SECCOMP_FILTER_FLAG_* bit.</summary>
    internal static IReadOnlyDictionary<string, uint> Flags { get; } = new Dictionary<string, uint>
    {
        ["SECCOMP_FILTER_FLAG_TSYNC"] = 1,
        ["SECCOMP_FILTER_FLAG_LOG"] = 2,
        ["SECCOMP_FILTER_FLAG_SPEC_ALLOW"] = 4,
        ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"] = 32,
    };

    internal const uint FlagNewListener = 8, FlagTsyncEsrch = 16;

    /// <summary>The OCI architecture names (the spec's list); which of them work depends on the libseccomp in use,
    /// see <see cref="SupportedArchitectures"/>.</summary>
    internal static IReadOnlyList<string> Architectures { get; } =
    [
        "SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32", "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64", "SCMP_ARCH_MIPS",
        "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32",
        "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64", "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X",
        "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64", "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K",
        "SCMP_ARCH_SH", "SCMP_ARCH_SHEB",
    ];

    /// <summary>libseccomp's name for an OCI architecture: SCMP_ARCH_X86_64 → x86_64.</summary>
    internal static string LibseccompArchName(string oci) => oci["SCMP_ARCH_".Length..].ToLowerInvariant();

    /// <summary>The architectures a filter can hold here: known to the loaded libseccomp and of the native byte order
    /// (one filter cannot mix them). Empty without libseccomp.</summary>
    public static IReadOnlyList<string> SupportedArchitectures()
    {
        if (LibSeccomp.Instance is not { } api) return [];
        nint ctx = api.Init(Actions["SCMP_ACT_ALLOW"]);
        try
        {
            return Architectures.Where(a => api.ArchToken(LibseccompArchName(a)) is var t && t != 0
                && api.ArchAdd(ctx, t) is 0 or -LibSeccomp.EEXIST).ToList();
        }
        finally { api.Release(ctx); }
    }

    /// <summary>The flags this kernel accepts: seccomp(SECCOMP_SET_MODE_FILTER, flag, NULL) fails with EFAULT for a
    /// known flag (it got as far as reading the program) and EINVAL for an unknown one. WAIT_KILLABLE_RECV is only
    /// valid with a listener, so it is probed with NEW_LISTENER.</summary>
    public static IReadOnlyList<string> SupportedFlags() => Flags.Where(f => KernelSupports(f.Value)).Select(f => f.Key).ToList();

    internal static bool KernelSupports(uint flag) => SeccompProgram.KernelKnowsFlag(flag == FlagWaitKillableRecv ? flag | FlagNewListener : flag);

    internal const uint FlagWaitKillableRecv = 32;

    public static IReadOnlyCollection<string> ActionNames => (IReadOnlyCollection<string>)Actions.Keys;
    public static IReadOnlyCollection<string> OperatorNames => (IReadOnlyCollection<string>)Operators.Keys;
    public static IReadOnlyCollection<string> FlagNames => (IReadOnlyCollection<string>)Flags.Keys;
}
