namespace LibContainer.Security.Seccomp;

/// <summary>Syscalls newer than the profile get ENOSYS, not the default action (runc does the same): new glibc
/// functions try a new syscall first (clone3, faccessat2, openat2…) and fall back to the old one only on ENOSYS,
/// while EPERM makes them fail. A few instructions go in front of libseccomp's program: for each architecture of the
/// filter, "if the syscall number is above the highest number the profile names on this architecture, return
/// ENOSYS"; everything else falls through to libseccomp's program unchanged. A number no profile entry reaches can
/// only be a syscall the profile's author did not know, so no rule of the profile is ever bypassed.</summary>
internal static class EnosysStub
{
    // classic BPF opcodes (linux/filter.h)
    private const ushort LdAbsW = 0x20, Jeq = 0x15, Jgt = 0x25, Jset = 0x45, Ja = 0x05, RetK = 0x06;
    private const uint SeccompDataNr = 0, SeccompDataArch = 4;
    private const uint RetErrno = 0x00050000, Enosys = 38;
    internal const uint AuditArchX86_64 = 0xC000003E, X32SyscallBit = 0x40000000;

    public static ulong Insn(ushort code, byte jt, byte jf, uint k) => code | (ulong)jt << 16 | (ulong)jf << 24 | (ulong)k << 32;

    /// <summary>The stub for <paramref name="lastByArch"/> (arch token → highest syscall number named), followed by
    /// <paramref name="program"/>. <paramref name="lastX32"/> is the highest x32 number (with the x32 bit), if x32 is
    /// in the filter: x32 calls arrive with the x86-64 arch token and the bit set.</summary>
    public static ulong[] Prepend(IReadOnlyList<(uint Arch, uint Last)> lastByArch, uint? lastX32, ReadOnlySpan<ulong> program)
    {
        var blocks = new List<List<(ushort Code, uint K, int Jt, int Jf)>>();
        // Targets, resolved below: -1 = ENOSYS, -2 = the program, n >= 0 = relative to the block's own instructions.
        const int ToEnosys = -1, ToProgram = -2, Next = -3;
        foreach (var (arch, last) in lastByArch)
        {
            var b = new List<(ushort, uint, int, int)> { (Jeq, arch, 0, Next), (LdAbsW, SeccompDataNr, 0, 0) };
            if (arch == AuditArchX86_64)
            {
                b.Add((Jset, X32SyscallBit, lastX32 is null ? ToProgram : 1, 0));
                b.Add((Jgt, last, ToEnosys, ToProgram));
                if (lastX32 is { } x) b.Add((Jgt, x, ToEnosys, ToProgram));
            }
            else b.Add((Jgt, last, ToEnosys, ToProgram));
            blocks.Add(b);
        }

        var code = new List<ulong> { Insn(LdAbsW, 0, 0, SeccompDataArch) };
        int total = 1 + blocks.Sum(b => b.Count);
        int enosysAt = total + 1, programAt = total + 2; // after the blocks: "ja program", "ret ENOSYS"
        foreach (var b in blocks)
        {
            int start = code.Count, nextAt = start + b.Count;
            for (int i = 0; i < b.Count; i++)
            {
                int pc = start + i;
                byte Rel(int t) => t >= 0 ? (byte)t : checked((byte)((t == ToEnosys ? enosysAt : t == ToProgram ? programAt : nextAt) - pc - 1));
                var (op, k, jt, jf) = b[i];
                code.Add(op == LdAbsW ? Insn(op, 0, 0, k) : Insn(op, Rel(jt), Rel(jf), k));
            }
        }
        code.Add(Insn(Ja, 0, 0, 1)); // no architecture matched: skip the ENOSYS return
        code.Add(Insn(RetK, 0, 0, RetErrno | Enosys));
        var result = new ulong[code.Count + program.Length];
        code.CopyTo(result);
        program.CopyTo(result.AsSpan(code.Count));
        return result;
    }
}
