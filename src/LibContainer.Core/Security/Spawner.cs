using System.Runtime.InteropServices;
using System.Text;
using LibContainer.Interop;
using static LibContainer.Interop.SecurityNative;

namespace LibContainer.Security;

/// <summary>What a spawned child gets besides argv and the environment.</summary>
public sealed class SpawnOptions
{
    /// <summary>Moved onto 0, 1, 2; null: the child keeps this process's 0..2.</summary>
    public IReadOnlyList<int>? Stdio { get; init; }
    /// <summary>Fds from 3 up to (not including) this one are inherited as they are (--preserve-fds).</summary>
    public int InheritBelow { get; init; } = 3;
    /// <summary>One more fd, moved to <see cref="ExtraTo"/> (it must not sit there already: a dup2 onto itself keeps
    /// FD_CLOEXEC).</summary>
    public int ExtraFd { get; init; } = -1;
    public int ExtraTo { get; init; } = -1;
    /// <summary>setsid in the child.</summary>
    public bool NewSession { get; init; }
    /// <summary>null: this process's environment.</summary>
    public IReadOnlyList<string>? Environment { get; init; }
}

/// <summary>posix_spawn without System.Diagnostics.Process (no threads, no SIGCHLD handler that would reap a
/// container's init; vfork + exec, so safe in a multi-threaded host too): the child gets the fds the options name
/// and nothing else (closefrom), default signal dispositions and an empty signal mask.</summary>
public static unsafe class Spawner
{
    // glibc: posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128; room to spare.
    private const int ActionsSize = 256, AttrSize = 512;

    /// <summary>Starts <paramref name="path"/> with <paramref name="argv"/> (argv[0] included) and
    /// <paramref name="envp"/> (null = this process's environment), the given fds as 0/1/2. Returns the pid. A failed
    /// exec surfaces here as SyscallException("posix_spawn", errno, path).</summary>
    public static int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string>? envp, int stdinFd, int stdoutFd, int stderrFd)
        => Spawn(path, argv, new SpawnOptions { Environment = envp, Stdio = [stdinFd, stdoutFd, stderrFd] });

    public static int Spawn(string path, IReadOnlyList<string> argv, SpawnOptions options)
    {
        var env = options.Environment ?? CurrentEnvironment();
        var pathZ = RuntimeSys.Z(path);
        var strings = new List<nint>(argv.Count + env.Count);
        var actions = NativeMemory.AllocZeroed(ActionsSize);
        var attr = NativeMemory.AllocZeroed(AttrSize);
        var sigs = (Tmds.Linux.sigset_t*)NativeMemory.AllocZeroed((nuint)sizeof(Tmds.Linux.sigset_t));
        var argvP = (byte**)NativeMemory.AllocZeroed((nuint)(argv.Count + 1), (nuint)sizeof(nint));
        var envP = (byte**)NativeMemory.AllocZeroed((nuint)(env.Count + 1), (nuint)sizeof(nint));
        try
        {
            for (var i = 0; i < argv.Count; i++) argvP[i] = Alloc(argv[i], strings);
            for (var i = 0; i < env.Count; i++) envP[i] = Alloc(env[i], strings);

            Check(posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init", path);
            try
            {
                for (var fd = 0; options.Stdio is { } stdio && fd < 3; fd++)
                    Check(posix_spawn_file_actions_adddup2(actions, stdio[fd], fd), "posix_spawn_file_actions_adddup2", path);
                if (options.ExtraFd >= 0)
                    Check(posix_spawn_file_actions_adddup2(actions, options.ExtraFd, options.ExtraTo), "posix_spawn_file_actions_adddup2", path);
                int closeFrom = Math.Max(options.InheritBelow, options.ExtraFd >= 0 ? options.ExtraTo + 1 : 3);
                Check(posix_spawn_file_actions_addclosefrom_np(actions, closeFrom), "posix_spawn_file_actions_addclosefrom_np", path);
                Check(posix_spawnattr_init(attr), "posix_spawnattr_init", path);
                try
                {
                    LibC.sigemptyset(sigs);
                    Check(posix_spawnattr_setsigmask(attr, sigs), "posix_spawnattr_setsigmask", path);
                    // Dispositions a runtime set to SIG_IGN (SIGPIPE) would otherwise survive exec; not SIGKILL/SIGSTOP
                    // nor glibc's internal 32/33.
                    for (var s = 1; s < 65; s++)
                        if (s != LibC.SIGKILL && s != LibC.SIGSTOP && s is not (32 or 33)) LibC.sigaddset(sigs, s);
                    Check(posix_spawnattr_setsigdefault(attr, sigs), "posix_spawnattr_setsigdefault", path);
                    var flags = (short)(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | (options.NewSession ? POSIX_SPAWN_SETSID : 0));
                    Check(posix_spawnattr_setflags(attr, flags), "posix_spawnattr_setflags", path);
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
