using System.Runtime.InteropServices;
using System.Text;
using static LibContainer.Interop.SecurityNative;

namespace LibContainer.Security;

/// <summary>posix_spawn without System.Diagnostics.Process (no threads, no SIGCHLD handler): the child gets the
/// given fds as 0/1/2, nothing else (closefrom 3), default signal dispositions and an empty signal mask.</summary>
public static unsafe class Spawner
{
    // glibc: posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128; room to spare.
    private const int ActionsSize = 256, AttrSize = 512, SigsetSize = 128;

    /// <summary>Starts <paramref name="path"/> with <paramref name="argv"/> (argv[0] included) and
    /// <paramref name="envp"/> (null = this process's environment). Returns the pid. A failed exec surfaces here
    /// as SyscallException("posix_spawn", errno, path).</summary>
    public static int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string>? envp, int stdinFd, int stdoutFd, int stderrFd)
    {
        var env = envp ?? CurrentEnvironment();
        var pathZ = RootfsFile.Utf8Z(path);
        var strings = new List<nint>(argv.Count + env.Count);
        var actions = NativeMemory.AllocZeroed(ActionsSize);
        var attr = NativeMemory.AllocZeroed(AttrSize);
        var sigs = NativeMemory.AllocZeroed(SigsetSize);
        var argvP = (byte**)NativeMemory.AllocZeroed((nuint)(argv.Count + 1), (nuint)sizeof(nint));
        var envP = (byte**)NativeMemory.AllocZeroed((nuint)(env.Count + 1), (nuint)sizeof(nint));
        try
        {
            for (var i = 0; i < argv.Count; i++) argvP[i] = Alloc(argv[i], strings);
            for (var i = 0; i < env.Count; i++) envP[i] = Alloc(env[i], strings);

            Check(posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init", path);
            try
            {
                Check(posix_spawn_file_actions_adddup2(actions, stdinFd, 0), "posix_spawn_file_actions_adddup2", path);
                Check(posix_spawn_file_actions_adddup2(actions, stdoutFd, 1), "posix_spawn_file_actions_adddup2", path);
                Check(posix_spawn_file_actions_adddup2(actions, stderrFd, 2), "posix_spawn_file_actions_adddup2", path);
                Check(posix_spawn_file_actions_addclosefrom_np(actions, 3), "posix_spawn_file_actions_addclosefrom_np", path);
                Check(posix_spawnattr_init(attr), "posix_spawnattr_init", path);
                try
                {
                    sigemptyset(sigs);
                    Check(posix_spawnattr_setsigmask(attr, sigs), "posix_spawnattr_setsigmask", path);
                    // Dispositions a runtime set to SIG_IGN (SIGPIPE) would otherwise survive exec.
                    for (var s = 1; s < 65; s++)
                        if (s != SIGKILL && s != 19) sigaddset(sigs, s);
                    Check(posix_spawnattr_setsigdefault(attr, sigs), "posix_spawnattr_setsigdefault", path);
                    Check(posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK), "posix_spawnattr_setflags", path);
                    int pid;
                    fixed (byte* p = pathZ)
                        Check(posix_spawn(&pid, p, actions, attr, argvP, envP), "posix_spawn", path);
                    return pid;
                }
                finally
                {
                    posix_spawnattr_destroy(attr);
                }
            }
            finally
            {
                posix_spawn_file_actions_destroy(actions);
            }
        }
        finally
        {
            foreach (var s in strings) NativeMemory.Free((void*)s);
            NativeMemory.Free(argvP);
            NativeMemory.Free(envP);
            NativeMemory.Free(sigs);
            NativeMemory.Free(attr);
            NativeMemory.Free(actions);
        }
    }

    private static byte* Alloc(string s, List<nint> owned)
    {
        var n = Encoding.UTF8.GetByteCount(s);
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

    private static List<string> CurrentEnvironment()
    {
        var list = new List<string>();
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            list.Add($"{e.Key}={e.Value}");
        return list;
    }
}
