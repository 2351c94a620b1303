using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Runtime.Init;

/// <summary>The user's program could not be found or executed; the message is what runc says
/// (`exec "/bin/shh": no such file or directory`), so engines map it to 127/126.</summary>
internal sealed class ExecFailedException(string message, int errno, string path) : Exception(message)
{
    public int Errno { get; } = errno;
    public string Path { get; } = path;
}

/// <summary>args[0] resolution (before "ready", so a bad path fails `create`, as in runc) and the execve itself.</summary>
internal static unsafe class ExecPath
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static void Resolve(InitPlan plan) => plan.ExecPath = Find(plan.Argv, plan.Env);

    public static string Find(string[] argv, string[] env)
    {
        if (argv.Length == 0 || argv[0].Length == 0) throw new ExecFailedException("exec: no command given (process.args is empty)", LibContainer.Errno.ENOENT, "");
        string name = argv[0];
        if (name.Contains('/'))
        {
            int err = Check(name);
            if (err != 0) throw new ExecFailedException($"exec \"{name}\": {LibContainer.Errno.Describe(err)}", err, name);
            return name;
        }
        string path = DefaultPath;
        foreach (var e in env) if (e.StartsWith("PATH=", StringComparison.Ordinal)) path = e.Substring(5);
        int firstError = 0;
        foreach (var dir in path.Split(':'))
        {
            string candidate = (dir.Length == 0 ? "." : dir) + "/" + name;
            int err = Check(candidate);
            if (err == 0) return candidate;
            if (err != LibContainer.Errno.ENOENT && err != LibContainer.Errno.ENOTDIR && firstError == 0) firstError = err;
        }
        if (firstError != 0) throw new ExecFailedException($"exec \"{name}\": {LibContainer.Errno.Describe(firstError)}", firstError, name);
        throw new ExecFailedException($"exec: \"{name}\": executable file not found in $PATH", LibContainer.Errno.ENOENT, name);
    }

    /// <summary>0 when the path is an executable regular file, else the errno execve would give.</summary>
    private static int Check(string path)
    {
        uint? mode = RuntimeSys.StatMode(LibC.AT_FDCWD, path);
        if (mode is null) return RuntimeSys.Errno;
        if ((mode.Value & S_IFMT) == S_IFDIR) return LibContainer.Errno.EACCES;
        if ((mode.Value & S_IFMT) != S_IFREG) return LibContainer.Errno.EACCES;
        fixed (byte* p = RuntimeSys.Z(path))
            if (LibC.faccessat(LibC.AT_FDCWD, p, LibC.X_OK, LibC.AT_EACCESS) < 0) return RuntimeSys.Errno;
        return 0;
    }

    /// <summary>execve with default signal dispositions and an empty mask (the .NET runtime ignores SIGPIPE, and an
    /// ignored signal stays ignored across execve). Returns only by throwing.</summary>
    public static void Exec(string path, string[] argv, string[] env)
    {
        byte** av = Table(argv);
        byte** ev = Table(env);
        fixed (byte* p = RuntimeSys.Z(path))
        {
            Tmds.Linux.sigset_t empty;
            LibC.sigemptyset(&empty);
            LibC.sigprocmask(LibC.SIG_SETMASK, &empty, null);
            for (int sig = 1; sig < 32; sig++)
                if (sig is not (9 or 19 or 4 or 7 or 8 or 11 or 32 or 33)) signal(sig, 0);
            LibC.execve(p, av, ev);
            int err = RuntimeSys.Errno;
            signal(13, 1); // keep the runtime's SIGPIPE behaviour for the error report
            throw new ExecFailedException($"exec \"{argv[0]}\": {LibContainer.Errno.Describe(err)}", err, path);
        }
    }

    /// <summary>NULL-terminated char*[] in unmanaged memory (never freed: execve replaces the process).</summary>
    private static byte** Table(string[] items)
    {
        var table = (byte**)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)(items.Length + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < items.Length; i++)
        {
            var z = RuntimeSys.Z(items[i]);
            var mem = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)z.Length);
            z.AsSpan().CopyTo(new Span<byte>(mem, z.Length));
            table[i] = mem;
        }
        table[items.Length] = null;
        return table;
    }
}
