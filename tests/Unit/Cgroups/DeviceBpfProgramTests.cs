using LibContainer.Cgroups;
using LibContainer.Config;
using Xunit;
using static LibContainer.Cgroups.DeviceBpfProgram;

namespace LibContainer.Tests.Cgroups;

public class DeviceBpfProgramTests
{
    private static string Hex(IReadOnlyList<Instruction> prog) => Convert.ToHexString(Encode(prog)).ToLowerInvariant();

    private static string Hex(params Instruction[] prog) => Hex((IReadOnlyList<Instruction>)prog);

    // The prologue: r2 = type, r3 = access, r4 = major, r5 = minor.
    private const string Prologue =
        "6112000000000000" + // ldxw r2, [r1+0]
        "54020000ffff0000" + // and32 r2, 0xffff
        "6113000000000000" + // ldxw r3, [r1+0]
        "7403000010000000" + // rsh32 r3, 16
        "6114040000000000" + // ldxw r4, [r1+4]
        "6115080000000000";  // ldxw r5, [r1+8]

    private const string DenyExit = "b400000000000000" + "9500000000000000";
    private const string AllowExit = "b400000001000000" + "9500000000000000";

    [Fact]
    public void Instruction_Encoding_MatchesTheKernelLayout()
    {
        // code, dst | src << 4, s16 offset LE, s32 imm LE
        Assert.Equal("6112040000000000", Hex(new Instruction(LdxMemW, 2, 1, 4, 0)));
        Assert.Equal("5604030003000000", Hex(new Instruction(Jmp32JneK, 4, 0, 3, 3)));
        Assert.Equal("5e13feff00000000", Hex(new Instruction(Jmp32JneX, 3, 1, -2, 0)));
        Assert.Equal("b4000000ffffffff", Hex(new Instruction(Alu32MovK, 0, 0, 0, -1)));
    }

    [Fact]
    public void NoRules_DeniesEverything()
    {
        Assert.Equal(Prologue + DenyExit, Hex(Build(new List<LinuxDeviceCgroup>())));
    }

    [Fact]
    public void DenyAllThenAllowDevNull()
    {
        var prog = Build(new List<LinuxDeviceCgroup>
        {
            new() { Allow = false, Access = "rwm" },
            new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
        });
        var expected = Prologue +
            "5602040002000000" + // jne32 r2, 2 (char), +4
            "5604030001000000" + // jne32 r4, 1, +3
            "5605020003000000" + // jne32 r5, 3, +2
            AllowExit +
            DenyExit;            // the deny-all rule matches everything: nothing after it
        Assert.Equal(expected, Hex(prog));
        Assert.Equal(13, prog.Count);
    }

    [Fact]
    public void PartialAccess_AllowNeedsSubset_DenyNeedsOverlap()
    {
        var prog = Build(new List<LinuxDeviceCgroup>
        {
            new() { Allow = true, Type = "b", Major = 8, Access = "r" },
            new() { Allow = false, Type = "c", Minor = 5, Access = "w" },
        });
        var expected = Prologue +
            // last rule first: deny c *:5 w
            "5602060002000000" + // jne32 r2, 2, +6
            "bc31000000000000" + // mov32 r1, r3
            "5401000004000000" + // and32 r1, 4 (write)
            "1601030000000000" + // jeq32 r1, 0, +3 (no overlap: next rule)
            "5605020005000000" + // jne32 r5, 5, +2
            DenyExit +
            // allow b 8:* r
            "5602060001000000" + // jne32 r2, 1 (block), +6
            "bc31000000000000" + // mov32 r1, r3
            "5401000002000000" + // and32 r1, 2 (read)
            "5e31030000000000" + // jne32 r1, r3, +3 (asked for more than read)
            "5604020008000000" + // jne32 r4, 8, +2
            AllowExit +
            DenyExit;
        Assert.Equal(expected, Hex(prog));
    }

    [Fact]
    public void AccessMask_And_BadInput()
    {
        Assert.Equal(AccRead | AccWrite, AccessMask("rw"));
        Assert.Equal(7, AccessMask(null));
        Assert.Throws<ContainerException>(() => AccessMask("rx"));
        Assert.Throws<ContainerException>(() => Build(new List<LinuxDeviceCgroup> { new() { Allow = true, Type = "p" } }));
    }
}
