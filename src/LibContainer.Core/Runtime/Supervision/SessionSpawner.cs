using System.Runtime.InteropServices;
using System.Text;
using static LibContainer.Interop.SupervisionNative;

namespace LibContainer.Runtime.Supervision;

/// <summary>posix_spawn for the supervisor chain (no System.Diagnostics.Process: no threads, no SIGCHLD handler that
/// would reap the container's init). The child inherits exactly fds 0..keep-1 (<c>stdio</c>, when given, moved onto 0..2;
/// plus <c>extraFd</c> moved to <c>extraTo</c>), default signal dispositions, an empty mask and, with <c>newSession</c>,
/// a session of its own. posix_spawn (vfork + exec) is safe in a multi-threaded host too.</summary>
internal static unsafe class SessionSpawner
{
    // glibc: posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128; room to spare.
    private const int ActionsSize = 256, AttrSize = 512, SigsetSize = 128;

    public static int Spawn(string path, IReadOnlyList<string> argv, int keep, int extraFd = -1, int extraTo = -1, bool newSession = false,
        IReadOnlyList<int>? stdio = null)
    {
        var env = new List<string>();
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables()) env.Add($"{e.Key}={e.Value}");
        var owned = new List<nint>();
        var actions = NativeMemory.AllocZeroed(ActionsSize);
        var attr = NativeMemory.AllocZeroed(AttrSize);
        var sigs = NativeMemory.AllocZeroed(SigsetSize);
        var argvP = (byte**)NativeMemory.AllocZeroed((nuint)(argv.Count + 1), (nuint)sizeof(nint));
        var envP = (byte**)NativeMemory.AllocZeroed((nuint)(env.Count + 1), (nuint)sizeof(nint));
        try
        {
            for (int i = 0; i < argv.Count; i++) argvP[i] = Alloc(argv[i], owned);
            for (int i = 0; i < env.Count; i++) envP[i] = Alloc(env[i], owned);
            byte* pathZ = Alloc(path, owned);
            Check(posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init", path);
            Check(posix_spawnattr_init(attr), "posix_spawnattr_init", path);
            try
            {
                int closeFrom = keep;
                for (int i = 0; stdio is not null && i < 3; i++)
                    Check(posix_spawn_file_actions_adddup2(actions, stdio[i], i), "posix_spawn_file_actions_adddup2", path);
                if (extraFd >= 0)
                {
                    // extraFd must not sit at extraTo (dup2 onto itself would keep FD_CLOEXEC): callers pass a high fd.
                    Check(posix_spawn_file_actions_adddup2(actions, extraFd, extraTo), "posix_spawn_file_actions_adddup2", path);
                    closeFrom = Math.Max(keep, extraTo + 1);
                }
                Check(posix_spawn_file_actions_addclosefrom_np(actions, closeFrom), "posix_spawn_file_actions_addclosefrom_np", path);
                sigemptyset(sigs);
                Check(posix_spawnattr_setsigmask(attr, sigs), "posix_spawnattr_setsigmask", path);
                for (int s = 1; s < 65; s++)
                    if (s is not (9 or 19 or 32 or 33)) sigaddset(sigs, s); // not SIGKILL/SIGSTOP nor glibc's internal ones
                Check(posix_spawnattr_setsigdefault(attr, sigs), "posix_spawnattr_setsigdefault", path);
                short flags = (short)(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | (newSession ? POSIX_SPAWN_SETSID : 0));
                Check(posix_spawnattr_setflags(attr, flags), "posix_spawnattr_setflags", path);
                int pid;
                Check(posix_spawn(&pid, pathZ, actions, attr, argvP, envP), "posix_spawn", path);
                return pid;
            }
            finally
            {
                posix_spawnattr_destroy(attr);
                posix_spawn_file_actions_destroy(actions);
            }
        }
        finally
        {
            foreach (var p in owned) NativeMemory.Free((void*)p);
            NativeMemory.Free(argvP);
            NativeMemory.Free(envP);
            NativeMemory.Free(sigs);
            NativeMemory.Free(attr);
            NativeMemory.Free(actions);
        }
    }

    private static byte* Alloc(string s, List<nint> owned)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        var p = (byte*)NativeMemory.Alloc((nuint)n + 1);
        owned.Add((nint)p);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, n));
        p[n] = 0;
        return p;
    }

    private static void Check(int rc, string call, string path)
    {
        if (rc != 0) throw new SyscallException(call, rc, path);
    }
}
