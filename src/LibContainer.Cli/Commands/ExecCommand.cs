using System.Text.Json;
using LibContainer.Config;
using LibContainer.Config.Codec;
using LibContainer.Runtime.Launch;
using LibContainer.Runtime.Protocol;
using LibContainer.Runtime.Trace;
using LibContainer.Terminal;

namespace LibContainer.Cli.Commands;

/// <summary>`exec [--process F | ARGS...] [--tty] [--console-socket S] [--detach] [--pid-file P] [--cwd D]
/// [--env K=V]... [--user uid[:gid]] [--cap CAP]... [--preserve-fds N] ID`</summary>
public static class ExecCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        if (SeedCommand.Applies(ctx, args, start)) return SeedCommand.Run(ctx, args, start);
        var a = CliArgs.Parse(args, start, new[] { "tty", "detach", "no-new-privs" },
            new[] { "process", "console-socket", "pid-file", "cwd", "env", "user", "cap", "preserve-fds", "process-label", "apparmor" },
            new() { ["t"] = "tty", ["d"] = "detach", ["p"] = "process", ["e"] = "env", ["u"] = "user", ["c"] = "cap" },
            stopAfterPositionals: 1);
        string id = a.RequireId("exec");
        var ops = ctx.Operations;
        var record = ops.Store.Load(id);
        Process process;
        if (a.Value("process") is { } file)
        {
            process = SpecReader.ReadProcess(File.ReadAllText(file))
                ?? throw new UsageException($"--process {file}: empty");
        }
        else
        {
            if (a.Positionals.Count < 2) throw new UsageException("exec needs a command (or --process FILE)");
            var basis = record.Config.Process ?? new Process();
            process = ExecLauncher.BuildProcess(basis, a.Positionals.Skip(1).ToList(), a.Value("cwd"), a.Values("env"),
                a.Value("user"), a.Values("cap"), a.Has("tty"));
            if (a.Has("no-new-privs")) process.NoNewPrivileges = true;
        }
        if (a.Value("apparmor") is { } profile) process.ApparmorProfile = profile;
        if (a.Value("process-label") is { } label) process.SelinuxLabel = label;
        bool detach = a.Has("detach");
        int relayFd = -1;
        var o = new ExecOptions { Id = id, Process = process, PidFile = a.Value("pid-file"), ConsoleSocket = a.Value("console-socket"),
            PreserveFds = a.IntValue("preserve-fds"), Record = record };
        if (process.Terminal == true && o.ConsoleSocket is null)
        {
            if (detach) throw new UsageException("exec --detach with a terminal needs --console-socket");
            var (mine, theirs) = ConsoleSocket.Pair();
            relayFd = mine;
            o.ConsoleSocketFd = theirs;
        }
        var started = ExecLauncher.Start(ops, o);
        foreach (var w in ops.Warnings) ctx.Warn(w);
        started.Channel.Close();
        if (detach) return 0;
        PhaseTrace.Mark("wait-exit");
        // Signals reach the process while the pty is relayed too (as in run), not only once it has ended.
        using (SignalForwarder.Forward(started.Pid))
        {
            if (relayFd >= 0) PtyRelay.Run(ConsoleSocket.ReceiveFd(relayFd).Fd, started.PidFd);
            return ProcessWaiter.Wait(started.PidFd);
        }
    }
}
