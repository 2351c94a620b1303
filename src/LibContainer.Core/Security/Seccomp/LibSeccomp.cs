using System.Runtime.InteropServices;

namespace LibContainer.Security.Seccomp;

/// <summary>libseccomp (Debian's libseccomp2), resolved at run time with dlopen in the runtime process, never in init:
/// the filter is compiled to BPF in the parent before the clone, and init only loads that program with seccomp(2),
/// so nothing is looked up after pivot_root and nothing comes from the container image. Only the calls the compiler
/// needs are bound, as function pointers (NativeAOT-safe, no marshalling).</summary>
internal static unsafe class LibSeccomp
{
    public const string SoName = "libseccomp.so.2";
    public const int NrScmpError = -1, EEXIST = 17, EDOM = 33;

    [StructLayout(LayoutKind.Sequential)]
    public struct ArgCmp { public uint Arg; public int Op; public ulong DatumA; public ulong DatumB; }

    [StructLayout(LayoutKind.Sequential)]
    private struct Version { public uint Major, Minor, Micro; }

    private static readonly Lazy<Api?> Loaded = new(Load);

    /// <summary>The bound library, or null when libseccomp cannot be loaded on this host.</summary>
    public static Api? Instance => Loaded.Value;

    /// <summary>The bound library, or a clear error naming the package.</summary>
    public static Api Require(string what) => Instance ?? throw new ContainerException(ContainerErrorKind.HostUnsupported,
        $"{what}: seccomp needs {SoName} (Debian package libseccomp2), which cannot be loaded on this host");

    private static Api? Load()
    {
        if (!NativeLibrary.TryLoad(SoName, out var h)) return null;
        try { return new Api(h); }
        catch (EntryPointNotFoundException) { return null; }
    }

    internal sealed class Api
    {
        private readonly delegate* unmanaged<uint, nint> _init;
        private readonly delegate* unmanaged<nint, void> _release;
        private readonly delegate* unmanaged<nint, uint, int> _archAdd;
        private readonly delegate* unmanaged<uint> _archNative;
        private readonly delegate* unmanaged<byte*, uint> _archResolveName;
        private readonly delegate* unmanaged<uint, byte*, int> _syscallResolveNameArch;
        private readonly delegate* unmanaged<nint, uint, int, uint, ArgCmp*, int> _ruleAddArray;
        private readonly delegate* unmanaged<nint, int, int> _exportBpf;
        private readonly delegate* unmanaged<Version*> _version;

        public Api(nint h)
        {
            _init = (delegate* unmanaged<uint, nint>)NativeLibrary.GetExport(h, "seccomp_init");
            _release = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(h, "seccomp_release");
            _archAdd = (delegate* unmanaged<nint, uint, int>)NativeLibrary.GetExport(h, "seccomp_arch_add");
            _archNative = (delegate* unmanaged<uint>)NativeLibrary.GetExport(h, "seccomp_arch_native");
            _archResolveName = (delegate* unmanaged<byte*, uint>)NativeLibrary.GetExport(h, "seccomp_arch_resolve_name");
            _syscallResolveNameArch = (delegate* unmanaged<uint, byte*, int>)NativeLibrary.GetExport(h, "seccomp_syscall_resolve_name_arch");
            _ruleAddArray = (delegate* unmanaged<nint, uint, int, uint, ArgCmp*, int>)NativeLibrary.GetExport(h, "seccomp_rule_add_array");
            _exportBpf = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(h, "seccomp_export_bpf");
            _version = (delegate* unmanaged<Version*>)NativeLibrary.GetExport(h, "seccomp_version");
        }

        public string VersionText
        {
            get
            {
                var v = _version();
                return v is null ? "unknown" : $"{v->Major}.{v->Minor}.{v->Micro}";
            }
        }

        public uint NativeArch => _archNative();

        /// <summary>The arch token (an AUDIT_ARCH_* value) for a libseccomp arch name such as "x86_64"; 0 if unknown.</summary>
        public uint ArchToken(string name)
        {
            fixed (byte* p = Interop.RuntimeSys.Z(name)) return _archResolveName(p);
        }

        /// <summary>The syscall number on <paramref name="arch"/>: a negative pseudo-number for a multiplexed call
        /// (socketcall on x86), <see cref="NrScmpError"/> when libseccomp does not know the name.</summary>
        public int SyscallNumber(uint arch, string name)
        {
            fixed (byte* p = Interop.RuntimeSys.Z(name)) return _syscallResolveNameArch(arch, p);
        }

        public nint Init(uint defaultAction) => _init(defaultAction);
        public void Release(nint ctx) => _release(ctx);
        /// <summary>0, or -errno; -EEXIST when the arch is already in the filter.</summary>
        public int ArchAdd(nint ctx, uint arch) => _archAdd(ctx, arch);
        public int RuleAdd(nint ctx, uint action, int syscall, ReadOnlySpan<ArgCmp> args)
        {
            fixed (ArgCmp* a = args) return _ruleAddArray(ctx, action, syscall, (uint)args.Length, a);
        }
        public int ExportBpf(nint ctx, int fd) => _exportBpf(ctx, fd);
    }
}
