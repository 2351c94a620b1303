using System.Runtime.InteropServices;
using LibContainer.Runtime;
using LibContainer.Runtime.Launch;
using LibContainer.Runtime.Protocol;
using LibContainer.Runtime.Trace;
using LibContainer.Terminal;

namespace LibContainer.Cli.Commands;

/// <summary>`run [--bundle B] [--detach] [create flags] ID`: create + start; in the foreground it forwards signals,
/// waits, deletes the container and returns its exit status (128+N when killed by signal N).</summary>
public static class RunCommand
{
    public static int Run(CliContext ctx, string[] args, int start)
    {
        var a = CliArgs.Parse(args, start, CreateCommand.BoolFlags.Append("detach").ToArray(), CreateCommand.ValueFlags,
            new(CreateCommand.Aliases) { ["d"] = "detach" });
        var o = CreateCommand.Options(ctx, a, "run");
        return Execute(ctx, SpecSource.LoadBundle(o.Bundle), o, a.Has("detach"));
    }

    /// <summary>create + start (+ wait + delete in the foreground). <paramref name="created"/> sees the record.</summary>
    internal static int Execute(CliContext ctx, Config.Spec spec, CreateOptions o, bool detach, Action<ContainerStateRecord>? created = null)
    {
        int relayFd = -1;
        if (spec.Process?.Terminal == true && o.ConsoleSocket is null)
        {
            if (detach) throw new UsageException("run --detach with a terminal needs --console-socket");
            var (mine, theirs) = ConsoleSocket.Pair();
            relayFd = mine;
            o.ConsoleSocketFd = theirs;
        }
        var launched = ContainerLauncher.Create(ctx.Store, spec, o);
        if (launched.Warning is { } warning) ctx.Warn(warning);
        ctx.DebugLine(launched.Debug);
        created?.Invoke(launched.Record);
        var ops = ctx.Operations;
        int master = -1;
        try
        {
            if (relayFd >= 0) master = ConsoleSocket.ReceiveFd(relayFd).Fd;
            PhaseTrace.Mark("start");
            ops.Start(o.Id, launched.Record);
        }
        catch
        {
            ops.Delete(o.Id, force: true);
            throw;
        }
        foreach (var w in ops.Warnings) ctx.Warn(w);
        ops.Warnings.Clear();

        // init's end of the socket closes on execve; an Error instead means the exec failed.
        PhaseTrace.Mark("wait-exec");
        var m = launched.Channel.Receive(launched.PidFd);
        launched.Channel.Close();
        if (m is { Type: InitMessageType.Error } err)
        {
            ProcessWaiter.Wait(launched.PidFd);
            ops.Delete(o.Id, force: true);
            throw err.ToException(o.Id);
        }
        if (detach) return 0;

        PhaseTrace.Mark("wait-exit");
        int status;
        using (SignalForwarder.Forward(launched.Pid))
        {
            if (master >= 0) PtyRelay.Run(master, launched.PidFd);
            status = ProcessWaiter.Wait(launched.PidFd);
        }
        PhaseTrace.Mark("delete");
        ops.Delete(o.Id, force: true, launched.Record);
        foreach (var w in ops.Warnings) ctx.Warn(w);
        return status;
    }
}

/// <summary>Forwards the usual terminal/job signals to the container's init while `run` waits (after the clone,
/// so the signal thread this starts cannot affect it).</summary>
internal static class SignalForwarder
{
    public static IDisposable Forward(int pid)
    {
        var regs = new List<PosixSignalRegistration>();
        foreach (var sig in new[] { 1, 2, 3, 15, 10, 12, 28 })
        {
            int target = sig;
            regs.Add(PosixSignalRegistration.Create((PosixSignal)target, c =>
            {
                c.Cancel = true;
                LibC.kill(pid, target);
            }));
        }
        return new Registrations(regs);
    }

    private sealed class Registrations(List<PosixSignalRegistration> regs) : IDisposable
    {
        public void Dispose()
        {
            foreach (var r in regs) r.Dispose();
        }
    }
}

/// <summary>Waits for a child by pidfd (reaping it) and turns its end into a shell-style status.</summary>
internal static unsafe class ProcessWaiter
{
    public static int Wait(int pidfd)
    {
        Interop.RuntimeNative.SigInfo info;
        while (Interop.RuntimeNative.waitid(Interop.RuntimeNative.P_PIDFD, pidfd, &info, Interop.RuntimeNative.WEXITED) < 0)
        {
            if (Interop.RuntimeSys.Errno != Errno.EINTR) throw SyscallException.FromLastError("waitid");
        }
        return info.Code == LibC.CLD_EXITED ? info.Status : 128 + info.Status;
    }
}
