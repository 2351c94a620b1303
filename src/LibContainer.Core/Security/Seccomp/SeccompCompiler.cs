using LibContainer.Config;
using LibContainer.Interop;

namespace LibContainer.Security.Seccomp;

/// <summary>Turns linux.seccomp into a loadable BPF program with libseccomp, in the runtime process before the clone.
/// Follows runc where the spec leaves room: syscall names libseccomp does not know are skipped (listed in
/// <see cref="Compiled.Skipped"/>), rules whose action is the default action are dropped, several conditions on the
/// same argument become one rule each (libseccomp cannot AND them), errnoRet defaults to EPERM.</summary>
internal static unsafe class SeccompCompiler
{
    internal sealed record Compiled(ulong[] Instructions, uint Flags, IReadOnlyList<string> Skipped);

    private const int EPERM = 1;

    /// <summary>The filter for one process (init or an exec'd one), or null without linux.seccomp. With NOTIFY it
    /// connects to listenerPath: the caller closes <see cref="SeccompListener.SocketFd"/> after the clone.</summary>
    public static SeccompProgram? Build(Spec spec, ContainerStateJson state, CapabilitySets caps, bool noNewPrivileges)
    {
        if (spec.Linux?.Seccomp is not { } sc) return null;
        var c = Compile(sc);
        const int CapSysAdmin = 21;
        bool keepsSysAdmin = (caps.Effective & (1UL << CapSysAdmin)) != 0;
        var listener = (c.Flags & SeccompTables.FlagNewListener) != 0 ? new SeccompListener(sc.ListenerPath!, sc.ListenerMetadata, state) : null;
        return new SeccompProgram(c.Instructions, c.Flags, loadBeforeCredentials: !noNewPrivileges && !keepsSysAdmin) { Listener = listener, Skipped = c.Skipped };
    }

    public static Compiled Compile(LinuxSeccomp sc)
    {
        const string S = "linux.seccomp";
        var api = LibSeccomp.Require(S);
        uint def = Action(sc.DefaultAction, sc.DefaultErrnoRet, $"{S}.defaultAction");
        nint ctx = api.Init(def);
        if (ctx == 0) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"{S}.defaultAction: libseccomp refused '{sc.DefaultAction}'");
        try
        {
            var arches = new List<uint> { api.NativeArch };
            uint? x32 = null;
            for (int i = 0; i < (sc.Architectures?.Count ?? 0); i++)
            {
                string name = sc.Architectures![i];
                uint token = api.ArchToken(SeccompTables.LibseccompArchName(name));
                if (token == 0) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"{S}.architectures[{i}]: libseccomp {api.VersionText} does not know '{name}'");
                int rc = api.ArchAdd(ctx, token);
                if (rc == -LibSeccomp.EDOM)
                    throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"{S}.architectures[{i}]: '{name}' has another byte order than this machine; one filter cannot hold both");
                if (rc < 0 && rc != -LibSeccomp.EEXIST) throw new SyscallException("seccomp_arch_add", -rc, name);
                if (name == "SCMP_ARCH_X32") x32 = token;
                else if (!arches.Contains(token)) arches.Add(token);
            }

            uint flags = 0;
            for (int i = 0; i < (sc.Flags?.Count ?? 0); i++)
            {
                uint flag = SeccompTables.Flags.TryGetValue(sc.Flags![i], out uint v) ? v
                    : throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"{S}.flags[{i}]: '{sc.Flags[i]}' is not a seccomp filter flag");
                if (!SeccompTables.KernelSupports(flag))
                    throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"{S}.flags[{i}]: this kernel does not support {sc.Flags[i]}");
                flags |= flag;
            }
            var skipped = new List<string>();
            bool notify = def == SeccompTables.Actions["SCMP_ACT_NOTIFY"];
            for (int i = 0; i < (sc.Syscalls?.Count ?? 0); i++)
            {
                var call = sc.Syscalls![i];
                string path = $"{S}.syscalls[{i}]";
                uint action = Action(call.Action, call.ErrnoRet, $"{path}.action");
                if (action == def) continue;
                notify |= call.Action == "SCMP_ACT_NOTIFY";
                var conditions = Conditions(call.Args, path);
                foreach (var name in call.Names)
                {
                    int nr = api.SyscallNumber(0, name);
                    if (nr == LibSeccomp.NrScmpError)
                    {
                        skipped.Add(name);
                        continue;
                    }
                    foreach (var rule in conditions)
                    {
                        int rc = api.RuleAdd(ctx, action, nr, rule);
                        if (rc < 0) throw new SyscallException("seccomp_rule_add", -rc, name, path);
                    }
                }
            }
            if (notify) flags |= SeccompTables.FlagNewListener;
            else if ((flags & SeccompTables.FlagWaitKillableRecv) != 0)
                throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"{S}.flags: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV needs an SCMP_ACT_NOTIFY rule (it changes how the listener waits)");
            // TSYNC and a listener together: the kernel wants TSYNC_ESRCH (report a thread that cannot sync as ESRCH).
            if ((flags & 1) != 0 && notify) flags |= SeccompTables.FlagTsyncEsrch;

            var program = Export(api, ctx);
            if (sc.DefaultAction is "SCMP_ACT_ALLOW" or "SCMP_ACT_LOG") return new Compiled(program, flags, skipped);
            var last = arches.Select(a => (a, LastSyscall(api, a, sc))).Where(p => p.Item2 > 0).Select(p => (p.a, (uint)p.Item2)).ToList();
            uint? lastX32 = x32 is { } t ? (uint)Math.Max(0, LastSyscall(api, t, sc)) : null;
            return new Compiled(EnosysStub.Prepend(last, lastX32, program), flags, skipped);
        }
        finally { api.Release(ctx); }
    }

    /// <summary>The libseccomp action for an OCI action; ERRNO and TRACE carry errnoRet (EPERM when absent).</summary>
    internal static uint Action(string name, uint? errnoRet, string path)
    {
        if (!SeccompTables.Actions.TryGetValue(name, out uint a))
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"{path}: '{name}' is not a seccomp action");
        if (name is "SCMP_ACT_ERRNO" or "SCMP_ACT_TRACE") return a | ((errnoRet ?? EPERM) & 0xffff);
        if (errnoRet is not null) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"{path}: errnoRet is only valid with SCMP_ACT_ERRNO and SCMP_ACT_TRACE, not {name}");
        return a;
    }

    /// <summary>One condition list per rule: all together, or one rule per condition when an argument repeats.</summary>
    private static List<LibSeccomp.ArgCmp[]> Conditions(List<LinuxSeccompArg>? args, string path)
    {
        if (args is not { Count: > 0 }) return [[]];
        var all = args.Select((a, i) => new LibSeccomp.ArgCmp
        {
            Arg = a.Index,
            Op = SeccompTables.Operators.TryGetValue(a.Op, out int op) ? op
                : throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"{path}.args[{i}].op: '{a.Op}' is not a seccomp operator"),
            DatumA = a.Value,
            DatumB = a.ValueTwo ?? 0,
        }).ToArray();
        bool repeats = all.Select(a => a.Arg).Distinct().Count() != all.Length;
        return repeats ? all.Select(a => new[] { a }).ToList() : [all];
    }

    /// <summary>The highest syscall number the profile names on <paramref name="arch"/> (0 if none).</summary>
    private static int LastSyscall(LibSeccomp.Api api, uint arch, LinuxSeccomp sc)
    {
        int last = 0;
        foreach (var call in sc.Syscalls ?? new List<LinuxSyscall>())
            foreach (var name in call.Names)
                last = Math.Max(last, api.SyscallNumber(arch, name));
        return last;
    }

    private static ulong[] Export(LibSeccomp.Api api, nint ctx)
    {
        const long SYS_memfd_create = 319, SYS_lseek = 8;
        int fd;
        fixed (byte* n = "seccomp\0"u8) fd = (int)Libc.syscall(SYS_memfd_create, (nint)n, 1 /*MFD_CLOEXEC*/, 0, 0, 0);
        if (fd < 0) throw SyscallException.FromLastError("memfd_create", null, "seccomp");
        try
        {
            int rc = api.ExportBpf(ctx, fd);
            if (rc < 0) throw new SyscallException("seccomp_export_bpf", -rc);
            long size = Libc.syscall(SYS_lseek, fd, 0, 2 /*SEEK_END*/, 0, 0);
            if (size < 0 || size % 8 != 0) throw new SyscallException("lseek", size < 0 ? RuntimeSys.Errno : Errno.EINVAL, null, "seccomp program");
            var program = new ulong[size / 8];
            fixed (ulong* p = program)
            {
                long done = 0;
                while (done < size)
                {
                    long n = Libc.syscall(17 /*pread64*/, fd, (nint)((byte*)p + done), (nint)(size - done), (nint)done, 0);
                    if (n <= 0) throw SyscallException.FromLastError("pread", null, "seccomp program");
                    done += n;
                }
            }
            return program;
        }
        finally { RuntimeSys.Close(fd); }
    }
}
