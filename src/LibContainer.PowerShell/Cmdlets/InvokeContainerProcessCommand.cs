using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>
/// Invoke-ContainerProcess: runs a command in a container (starting it when created, joining it when running),
/// streams stdout as strings and stderr to the error stream, and sets $LASTEXITCODE.
/// No ShouldProcess: -Confirm would capture the command's own "-c".
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ContainerProcess", DefaultParameterSetName = ContainerResolver.NameSet)]
[OutputType(typeof(string), typeof(ContainerProcessResult))]
public sealed class InvokeContainerProcessCommand : ContainerProcessCmdletBase
{
    /// <summary>Hand the terminal to the process (stdin, stdout and stderr are the console's).</summary>
    [Parameter] public SwitchParameter Interactive { get; set; }

    /// <summary>Give the process a pseudo-terminal (implies -Interactive).</summary>
    [Parameter] public SwitchParameter Tty { get; set; }

    /// <summary>Emit a result object (command, exit code, duration) after the output.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    private const string NsinitPrefix = "nsinit: ";

    private string _pidFile = "";

    protected override void Run(Container c)
    {
        var interactive = Interactive || Tty;
        var processFile = WriteProcessFile(c, Tty);
        _pidFile = processFile + ".pid";
        var watch = Stopwatch.StartNew();
        int exitCode;
        try
        {
            var args = new List<string> { "exec", "--process", processFile, "--pid-file", _pidFile };
            if (Tty) args.Add("--tty");
            args.Add(c.Id);
            exitCode = interactive ? RunInteractive(c, args) : RunStreaming(c, args);
        }
        finally
        {
            File.Delete(processFile);
            File.Delete(_pidFile);
        }
        SessionState.PSVariable.Set("global:LASTEXITCODE", exitCode);
        if (PassThru)
            WriteObject(new ContainerProcessResult
            {
                ContainerName = c.Name, ContainerId = c.Id, Command = [FilePath, .. ArgumentList], ExitCode = exitCode, Duration = watch.Elapsed,
            });
    }

    private int RunInteractive(Container c, List<string> args)
    {
        using var p = Nsinit.Start(c.StateRoot, args, redirectOutput: false);
        Nsinit.WaitForExit(p, Cancel);
        return p.ExitCode;
    }

    /// <summary>Reader threads queue lines; only this (the pipeline) thread writes them, as they come.</summary>
    private int RunStreaming(Container c, List<string> args)
    {
        using var p = Nsinit.Start(c.StateRoot, args, redirectOutput: true);
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
        try
        {
            foreach (var (isError, text) in lines.GetConsumingEnumerable(Cancel))
            {
                if (!isError) WriteObject(text);
                else if (text.StartsWith(NsinitPrefix, StringComparison.Ordinal))
                    WriteError(ErrorMapper.ProcessStartFailed(text[NsinitPrefix.Length..], c)); // nsinit's own failure
                else WriteError(new ErrorRecord(new RemoteException(text), ErrorIds.ContainerProcessOutput, ErrorCategory.NotSpecified, c));
            }
            Nsinit.WaitForExit(p, Cancel);
            done = true;
            return p.ExitCode;
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            if (!done) Terminate(p, _pidFile);
        }
    }

    /// <summary>
    /// Ctrl+C or Select-Object -First: kill the process in the container (its host pid is in the pid file nsinit
    /// wrote), then end nsinit exec.
    /// </summary>
    private static void Terminate(Process p, string pidFile)
    {
        try
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && pid > 0)
                Tmds.Linux.LibC.kill(pid, Tmds.Linux.LibC.SIGKILL);
            if (p.HasExited) return;
            Tmds.Linux.LibC.kill(p.Id, Tmds.Linux.LibC.SIGTERM);
            if (!p.WaitForExit(2000)) p.Kill();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException) { }
    }
}
