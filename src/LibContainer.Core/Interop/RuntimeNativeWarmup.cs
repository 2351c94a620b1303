namespace LibContainer.Interop;

/// <summary>Calls every libc entry point init uses once, harmlessly, before the clone, from both bindings (Tmds.LibC's
/// LibC and Interop/*): nothing binds lazily in the child (after pivot_root a lazy lookup could be served from the
/// container image). nsinit links both library names directly as well (docs/runtime.md, "libc bindings").</summary>
internal static unsafe class RuntimeNativeWarmup
{
    private static bool _done;

    public static void TouchAll()
    {
        if (_done) return;
        _done = true;
        byte* empty = stackalloc byte[1];
        empty[0] = 0;
        byte* buf = stackalloc byte[256];
        LibC.setns(-1, 0);
        LibC.mount(null, null, null, default, null);
        LibC.umount2(empty, 0);
        RuntimeNative.mknodat(-1, empty, 0, 0);
        LibC.mkdirat(-1, empty, 0);
        LibC.symlinkat(empty, -1, empty);
        LibC.readlinkat(-1, empty, buf, 1);
        LibC.openat(-1, empty, 0, 0);
        LibC.fchownat(-1, empty, 0, 0, 0);
        LibC.fchmod(-1, 0);
        RuntimeNative.fstatat(-1, empty, buf, 0);
        RuntimeNative.fstatfs(-1, buf);
        LibC.faccessat(-1, empty, 0, 0);
        LibC.unlinkat(-1, empty, 0);
        LibC.sethostname(null, -1);
        LibC.setdomainname(null, -1);
        Libc.prctl(-1, 0, 0, 0, 0);
        Libc.poll(null, 0, 0);
        LibC.send(-1, null, 0, 0);
        LibC.recv(-1, null, 0, 0);
        LibC.execve(empty, null, null);
        RuntimeNative.personality(0xffffffff);
        LibC.chdir(empty);
        LibC.fchdir(-1);
        LibC.chroot(empty);
        LibC.open(empty, 0, 0);
        LibC.close(-1);
        LibC.read(-1, null, 0);
        LibC.write(-1, null, 0);
        LibC.fcntl(-1, 0, 0);
        LibC.getpid();
        LibC.umask(LibC.umask(0x12));
        LibC.sigprocmask(-1, null, null);
        LibC.sigemptyset(null);
        RuntimeNative.signal(-1, 0);
        Libc.ioctl(-1, 0, 0);
        Libc.syscall(-1, 0, 0, 0, 0, 0);
        LibC.socket(-1, 0, 0);
        LibC.dup3(-1, -1, 0);
        LibC.setsid();
    }
}
