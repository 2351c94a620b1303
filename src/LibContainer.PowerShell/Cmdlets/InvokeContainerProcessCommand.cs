using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Runtime.InteropServices;
using LibContainer.PowerShell.Runtime;
using LibContainer.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>
/// Invoke-ContainerProcess: runs a command in a container (starting it when created, joining it when running),
/// streams stdout as strings and stderr to the error stream, and sets $LASTEXITCODE, the way PowerShell 7.4+ runs
/// a native command: stderr never stops the process, a non-zero exit makes $? false and, with
/// $PSNativeCommandUseErrorActionPreference, an error.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ContainerProcess", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(string), typeof(ContainerProcessResult), typeof(Job))]
public sealed class InvokeContainerProcessCommand : ContainerProcessCmdletBase
{
    /// <summary>Hand the terminal to the process (stdin, stdout and stderr are the console's).</summary>
    [Parameter] public SwitchParameter Interactive { get; set; }

    /// <summary>Give the process a pseudo-terminal (implies -Interactive).</summary>
    [Parameter] public SwitchParameter Tty { get; set; }

    /// <summary>Emit a result object (command, exit code, duration) after the output.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    /// <summary>Run it as a background job (Receive-Job gets the output, Stop-Job ends the process).</summary>
    [Parameter] public SwitchParameter AsJob { get; set; }

    private const string NsinitPrefix = "nsinit: ";

    protected override bool StartedAsJob(Container c)
    {
        if (!(Given(nameof(AsJob)) && AsJob)) return false;
        if ((Given(nameof(Tty)) && Tty) || (Given(nameof(Interactive)) && Interactive))
            throw new ArgumentException("-AsJob runs the process without a terminal: leave out -Interactive and -Tty.");
        var parameters = new Dictionary<string, object?> { ["Id"] = c.Id, ["Program"] = Argv };
        foreach (var name in new[] { nameof(Environment), nameof(WorkingDirectory), nameof(User), nameof(PassThru) })
            if (Given(name)) parameters[name] = MyInvocation.BoundParameters[name];
        var job = new ContainerJob("Invoke-ContainerProcess", typeof(InvokeContainerProcessCommand), parameters, $"Invoke-ContainerProcess {c.Name}: {string.Join(' ', Argv)}", c.Name);
        JobRepository.Add(job);
        job.Start();
        WriteObject(job);
        return true;
    }

    protected override bool RemovesStartedAutoRemove => true;

    protected override void Run(Container c)
    {
        var tty = Given(nameof(Tty)) && Tty;
        var interactive = tty || (Given(nameof(Interactive)) && Interactive);
        var processFile = WriteProcessFile(c, tty);
        var pidFile = processFile + ".pid";
        var log = processFile + ".log";
        var watch = Stopwatch.StartNew();
        int exitCode;
        try
        {
            var interrupted = false;
            Process? nsinit = null;
            // Ctrl+C is PowerShell's SIGINT (the container process is in nsinit's own session and never sees it):
            // caught here, it ends the process. With -Tty the terminal is raw: Ctrl+C is a byte for the container's
            // own terminal, as in docker -t.
            using var ctrlC = tty || ContainerJob.Current ? null : PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
            {
                ctx.Cancel = true;
                interrupted = true;
                if (nsinit is not null) ContainerProcessKiller.Kill(pidFile, nsinit);
            });
            var piped = interactive && !tty;
            using var p = nsinit = ContainerExec.Start(c, processFile, pidFile, log, tty, redirectOutput: !interactive, redirectInput: piped);
            using (piped ? new StdinRelay(p.StandardInput.BaseStream) : null)
                exitCode = interactive ? WaitInteractive(p, pidFile) : RunStreaming(c, p, pidFile, log);
            if (interrupted) throw new PipelineStoppedException();
            if (interactive && exitCode != 0 && NsinitError.FromLog(log, c.Id) is { } failed)
                WriteError(ErrorMapper.ProcessStartFailed(failed, c));
        }
        finally
        {
            File.Delete(processFile);
            File.Delete(pidFile);
            File.Delete(log);
        }
        SessionState.PSVariable.Set("global:LASTEXITCODE", exitCode);
        if (Given(nameof(PassThru)) && PassThru)
            WriteObject(new ContainerProcessResult
            {
                ContainerName = c.Name, ContainerId = c.Id, Command = Argv, ExitCode = exitCode, Duration = watch.Elapsed,
            });
        if (exitCode != 0) NativeExitStatus.Report(this, Argv[0], exitCode, c);
    }

    private int WaitInteractive(Process p, string pidFile)
    {
        try
        {
            return ContainerExec.WaitInteractive(p, pidFile, Cancel);
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Reader threads queue lines; only this (the pipeline) thread writes them, as they come.</summary>
    private int RunStreaming(Container c, Process p, string pidFile, string log)
    {
        // Not disposed: after Ctrl+C / Select-Object -First the reader threads may still be finishing.
        var lines = new BlockingCollection<(bool IsError, string Text)>();
        var open = 2;
        void Pump(StreamReader reader, bool isError) => new Thread(() =>
        {
            try
            {
                while (reader.ReadLine() is { } line) lines.Add((isError, line));
            }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
            catch (InvalidOperationException) { } // added after CompleteAdding: the consumer is gone
            finally
            {
                if (Interlocked.Decrement(ref open) == 0) lines.CompleteAdding();
            }
        }) { IsBackground = true, Name = "container-output" }.Start();
        Pump(p.StandardOutput, false);
        Pump(p.StandardError, true);
        var done = false;
        var nsinitLines = new List<string>();
        try
        {
            foreach (var (isError, text) in lines.GetConsumingEnumerable(Cancel))
            {
                if (!isError) WriteObject(text);
                else if (text.StartsWith(NsinitPrefix, StringComparison.Ordinal)) nsinitLines.Add(text); // nsinit's own, or the program's
                else NativeExitStatus.WriteStderr(this, text, c);
            }
            NsinitProcess.WaitForExit(p, Cancel);
            done = true;
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            if (!done) ContainerProcessKiller.Kill(pidFile, p);
        }
        var failed = p.ExitCode != 0 ? NsinitError.FromLog(log, c.Id) : null;
        foreach (var line in nsinitLines)
            if (failed is null || line[NsinitPrefix.Length..] != failed.Message) NativeExitStatus.WriteStderr(this, line, c);
        if (failed is not null) WriteError(ErrorMapper.ProcessStartFailed(failed, c));
        return p.ExitCode;
    }
}
