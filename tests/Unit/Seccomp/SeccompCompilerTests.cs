using LibContainer.Config;
using LibContainer.Security.Seccomp;
using Xunit;

namespace LibContainer.Tests.Seccomp;

/// <summary>The compiled programs, run through a small classic-BPF interpreter (no container needed).</summary>
public sealed class SeccompCompilerTests
{
    private const uint X86_64 = 0xC000003E, I386 = 0x40000003, Aarch64 = 0xC00000B7;
    private const uint Allow = 0x7fff0000, Errno = 0x00050000, KillThread = 0, KillProcess = 0x80000000;

    /// <summary>Runs a seccomp program for (arch, nr, args); only the opcodes libseccomp and the stub emit.</summary>
    internal static uint Eval(ReadOnlySpan<ulong> prog, uint arch, uint nr, params ulong[] args)
    {
        var data = new uint[16];
        data[0] = nr;
        data[1] = arch;
        for (int i = 0; i < args.Length; i++) { data[4 + 2 * i] = (uint)args[i]; data[5 + 2 * i] = (uint)(args[i] >> 32); }
        uint a = 0;
        for (int pc = 0; pc < prog.Length; pc++)
        {
            ulong insn = prog[pc];
            ushort code = (ushort)insn;
            byte jt = (byte)(insn >> 16), jf = (byte)(insn >> 24);
            uint k = (uint)(insn >> 32);
            switch (code)
            {
                case 0x20: a = data[k / 4]; break;                       // ld [k]
                case 0x54: a &= k; break;                                 // and #k
                case 0x05: pc += (int)k; break;                           // ja
                case 0x15: pc += a == k ? jt : jf; break;                 // jeq
                case 0x25: pc += a > k ? jt : jf; break;                  // jgt
                case 0x35: pc += a >= k ? jt : jf; break;                 // jge
                case 0x45: pc += (a & k) != 0 ? jt : jf; break;           // jset
                case 0x06: return k;                                      // ret #k
                default: throw new InvalidOperationException($"opcode 0x{code:x} at {pc}");
            }
        }
        throw new InvalidOperationException("fell off the program");
    }

    private static LinuxSyscall Rule(string action, params string[] names) => new() { Names = names.ToList(), Action = action };

    [Fact]
    public void Syscalls_Newer_Than_The_Profile_Get_Enosys_And_Older_Ones_The_Default()
    {
        var profile = new LinuxSeccomp
        {
            DefaultAction = "SCMP_ACT_ERRNO", DefaultErrnoRet = 1, Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
            Syscalls = [Rule("SCMP_ACT_ALLOW", "read", "write", "getcwd"), Rule("SCMP_ACT_KILL_PROCESS", "ptrace")],
        };
        var p = SeccompCompiler.Compile(profile).Instructions;
        Assert.Equal(Allow, Eval(p, X86_64, 0));              // read
        Assert.Equal(Allow, Eval(p, X86_64, 79));             // getcwd
        Assert.Equal(KillProcess, Eval(p, X86_64, 101));      // ptrace, the highest the profile names on x86-64
        Assert.Equal(Errno | 1, Eval(p, X86_64, 83));         // mkdir: older, not named → defaultAction + defaultErrnoRet
        Assert.Equal(Errno | 38, Eval(p, X86_64, 435));       // clone3: newer than the profile → ENOSYS
        Assert.Equal(Errno | 38, Eval(p, I386, 400));         // the same on i386, with i386's numbering
        Assert.Equal(Allow, Eval(p, I386, 183));              // getcwd on i386
        Assert.Equal(KillThread, Eval(p, Aarch64, 17));       // an architecture not in the filter
        Assert.Equal(KillThread, Eval(p, X86_64, 0x40000000)); // x32 not listed: libseccomp's bad-arch answer
    }

    [Fact]
    public void Default_Allow_Has_No_Enosys_Stub()
    {
        var p = SeccompCompiler.Compile(new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW", Syscalls = [Rule("SCMP_ACT_ERRNO", "getcwd")] }).Instructions;
        Assert.Equal(Allow, Eval(p, X86_64, 435));
        Assert.Equal(Errno | 1, Eval(p, X86_64, 79));
    }

    [Fact]
    public void Argument_Rules_Follow_Runc_Semantics()
    {
        var eq = Rule("SCMP_ACT_ALLOW", "personality");
        eq.Args = [new() { Index = 0, Value = 0, Op = "SCMP_CMP_EQ" }, new() { Index = 0, Value = 8, Op = "SCMP_CMP_EQ" }];
        var masked = Rule("SCMP_ACT_ALLOW", "clone");
        masked.Args = [new() { Index = 0, Value = 0x7E020000, ValueTwo = 0, Op = "SCMP_CMP_MASKED_EQ" }];
        var p = SeccompCompiler.Compile(new LinuxSeccomp { DefaultAction = "SCMP_ACT_ERRNO", Syscalls = [eq, masked, Rule("SCMP_ACT_ALLOW", "read")] }).Instructions;
        Assert.Equal(Allow, Eval(p, X86_64, 135, 0));          // the same argument twice: either value passes
        Assert.Equal(Allow, Eval(p, X86_64, 135, 8));
        Assert.Equal(Errno | 1, Eval(p, X86_64, 135, 3));
        Assert.Equal(Allow, Eval(p, X86_64, 56, 0x11));         // clone without namespace flags
        Assert.Equal(Errno | 1, Eval(p, X86_64, 56, 0x10000000 | 0x11)); // CLONE_NEWUSER
    }

    [Fact]
    public void Rules_Are_Checked_With_Json_Paths()
    {
        var e = Assert.Throws<ContainerException>(() => SeccompCompiler.Compile(new LinuxSeccomp
        {
            DefaultAction = "SCMP_ACT_ALLOW", Syscalls = [new() { Names = ["getcwd"], Action = "SCMP_ACT_KILL", ErrnoRet = 5 }],
        }));
        Assert.Contains("linux.seccomp.syscalls[0].action", e.Message);
        var n = SeccompCompiler.Compile(new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW", Syscalls = [Rule("SCMP_ACT_ERRNO", "not_a_syscall", "getcwd")] });
        Assert.Equal(["not_a_syscall"], n.Skipped);
    }

    [Fact]
    public void Notify_Asks_The_Kernel_For_A_Listener()
    {
        var c = SeccompCompiler.Compile(new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW", Flags = ["SECCOMP_FILTER_FLAG_TSYNC"], Syscalls = [Rule("SCMP_ACT_NOTIFY", "mkdir")] });
        Assert.Equal(1u | 8u | 16u, c.Flags); // TSYNC + NEW_LISTENER + TSYNC_ESRCH (the kernel refuses TSYNC with a listener otherwise)
        Assert.Equal(0x7fc00000u, Eval(c.Instructions, X86_64, 83));
    }

    [Fact]
    public void Default_Profile_Compiles_And_Denies_What_Docker_Denies()
    {
        var p = SeccompCompiler.Compile(DefaultSeccompProfile.Create()).Instructions;
        Assert.Equal(Allow, Eval(p, X86_64, 0));               // read
        Assert.Equal(Errno | 1, Eval(p, X86_64, 165));         // mount
        Assert.Equal(Errno | 1, Eval(p, X86_64, 272));         // unshare
        Assert.Equal(Errno | 38, Eval(p, X86_64, 435));        // clone3: ENOSYS, glibc falls back to clone
        Assert.Equal(Allow, Eval(p, X86_64, 135, 0xffffffff)); // personality query
        Assert.Equal(Errno | 1, Eval(p, X86_64, 135, 0x0400000)); // personality(READ_IMPLIES_EXEC)
        Assert.Equal(Allow, Eval(p, X86_64, 41, 2));           // socket(AF_INET)
        Assert.Equal(Errno | 1, Eval(p, X86_64, 41, 40));      // socket(AF_VSOCK)
    }
}
