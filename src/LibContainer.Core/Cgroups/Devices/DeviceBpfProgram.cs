using LibContainer.Config;

namespace LibContainer.Cgroups;

/// <summary>
/// Builds the BPF_PROG_TYPE_CGROUP_DEVICE program that enforces OCI device rules on cgroup v2.
/// The context is struct bpf_cgroup_dev_ctx { u32 access_type (access &lt;&lt; 16 | type); u32 major; u32 minor; }.
/// Rules are checked from last to first (later rules override earlier ones); the first match decides; no match denies.
/// An allow rule matches when every requested access bit is in the rule; a deny rule when any requested bit is.
/// </summary>
public static class DeviceBpfProgram
{
    public const int DevBlock = 1, DevChar = 2;        // BPF_DEVCG_DEV_*
    public const int AccMknod = 1, AccRead = 2, AccWrite = 4; // BPF_DEVCG_ACC_*

    // Opcodes (class | op | source), from linux/bpf.h and bpf_common.h.
    internal const byte LdxMemW = 0x61;     // BPF_LDX | BPF_MEM | BPF_W
    internal const byte Alu32AndK = 0x54;   // BPF_ALU | BPF_AND | BPF_K
    internal const byte Alu32RshK = 0x74;   // BPF_ALU | BPF_RSH | BPF_K
    internal const byte Alu32MovK = 0xb4;   // BPF_ALU | BPF_MOV | BPF_K
    internal const byte Alu32MovX = 0xbc;   // BPF_ALU | BPF_MOV | BPF_X
    internal const byte Jmp32JeqK = 0x16;   // BPF_JMP32 | BPF_JEQ | BPF_K
    internal const byte Jmp32JneK = 0x56;   // BPF_JMP32 | BPF_JNE | BPF_K
    internal const byte Jmp32JneX = 0x5e;   // BPF_JMP32 | BPF_JNE | BPF_X
    internal const byte Exit = 0x95;        // BPF_JMP | BPF_EXIT

    /// <summary>One 8-byte instruction: code, dst:4 | src:4 &lt;&lt; 4, s16 offset, s32 immediate (little-endian).</summary>
    public readonly record struct Instruction(byte Code, byte Dst, byte Src, short Offset, int Imm)
    {
        public void WriteTo(Span<byte> b)
        {
            b[0] = Code;
            b[1] = (byte)((Dst & 0xf) | ((Src & 0xf) << 4));
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(b[2..], Offset);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(b[4..], Imm);
        }
    }

    /// <summary>The program for a rule list (OCI linux.resources.devices, in config order).</summary>
    public static IReadOnlyList<Instruction> Build(IReadOnlyList<LinuxDeviceCgroup> rules)
    {
        var prog = new List<Instruction>
        {
            // r2 = type, r3 = access, r4 = major, r5 = minor (r1 = ctx)
            new(LdxMemW, 2, 1, 0, 0),
            new(Alu32AndK, 2, 0, 0, 0xffff),
            new(LdxMemW, 3, 1, 0, 0),
            new(Alu32RshK, 3, 0, 0, 16),
            new(LdxMemW, 4, 1, 4, 0),
            new(LdxMemW, 5, 1, 8, 0),
        };
        for (int i = rules.Count - 1; i >= 0; i--)
        {
            var block = RuleBlock(rules[i], out bool matchesEverything);
            prog.AddRange(block);
            // Rules before one that matches every request can never decide; the verifier rejects unreachable code.
            if (matchesEverything) return prog;
        }
        prog.Add(new(Alu32MovK, 0, 0, 0, 0));
        prog.Add(new(Exit, 0, 0, 0, 0));
        return prog;
    }

    /// <summary>The instructions as the kernel reads them (bpf_attr.insns).</summary>
    public static byte[] Encode(IReadOnlyList<Instruction> program)
    {
        var bytes = new byte[program.Count * 8];
        for (int i = 0; i < program.Count; i++) program[i].WriteTo(bytes.AsSpan(i * 8, 8));
        return bytes;
    }

    public static int AccessMask(string? access)
    {
        if (string.IsNullOrEmpty(access)) return AccMknod | AccRead | AccWrite;
        int mask = 0;
        foreach (var c in access)
            mask |= c switch
            {
                'r' => AccRead,
                'w' => AccWrite,
                'm' => AccMknod,
                _ => throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"device access \"{access}\" has '{c}'; only r, w and m are valid"),
            };
        return mask;
    }

    private static int DeviceType(string? type) => type switch
    {
        null or "" or "a" => 0,
        "c" or "u" => DevChar,
        "b" => DevBlock,
        "p" => throw new ContainerException(ContainerErrorKind.ConfigInvalid, "device rules cannot name FIFOs (type \"p\")"),
        _ => throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"device rule type \"{type}\" is not a, b or c"),
    };

    // Each check jumps past the end of the block when the rule does not match.
    private static List<Instruction> RuleBlock(LinuxDeviceCgroup rule, out bool matchesEverything)
    {
        int type = DeviceType(rule.Type);
        int access = AccessMask(rule.Access);
        var checks = new List<Func<short, Instruction[]>>();
        if (type != 0) checks.Add(skip => new Instruction[] { new(Jmp32JneK, 2, 0, skip, type) });
        if (access != (AccMknod | AccRead | AccWrite))
            checks.Add(skip => new Instruction[]
            {
                new(Alu32MovX, 1, 3, 0, 0),
                new(Alu32AndK, 1, 0, 0, access),
                rule.Allow ? new(Jmp32JneX, 1, 3, skip, 0) : new(Jmp32JeqK, 1, 0, skip, 0),
            });
        if (rule.Major is { } major && major >= 0) checks.Add(skip => new Instruction[] { new(Jmp32JneK, 4, 0, skip, unchecked((int)major)) });
        if (rule.Minor is { } minor && minor >= 0) checks.Add(skip => new Instruction[] { new(Jmp32JneK, 5, 0, skip, unchecked((int)minor)) });

        matchesEverything = checks.Count == 0;
        // Lay out back to front so each jump knows how many instructions remain in the block.
        var tail = new List<Instruction> { new(Alu32MovK, 0, 0, 0, rule.Allow ? 1 : 0), new(Exit, 0, 0, 0, 0) };
        for (int i = checks.Count - 1; i >= 0; i--)
        {
            // The jump is the last instruction of a check; the offset counts what follows it in the block.
            tail.InsertRange(0, checks[i]((short)tail.Count));
        }
        return tail;
    }
}
