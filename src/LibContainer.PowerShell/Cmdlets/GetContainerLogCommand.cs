using System.Management.Automation;
using System.Text;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Get-ContainerLog: the output of a container the module created (its init and Start-ContainerProcess
/// processes write to console.log in the bundle), as lines; -Tail N the last N; -Wait follows until it stops.</summary>
[Cmdlet(VerbsCommon.Get, "ContainerLog", DefaultParameterSetName = ContainerResolver.NameSet)]
[OutputType(typeof(string))]
public sealed class GetContainerLogCommand : ContainerTargetCmdletBase
{
    /// <summary>Only the last N lines (-1: all).</summary>
    [Parameter] [ValidateRange(-1, int.MaxValue)] public int Tail { get; set; } = -1;

    /// <summary>Keep reading new output until the container stops (or Ctrl+C).</summary>
    [Parameter] public SwitchParameter Wait { get; set; }

    protected override void ProcessContainer(Container c)
    {
        var file = Path.Combine(c.Bundle, "console.log");
        if (!c.ManagedBundle || !File.Exists(file))
            throw new ContainerException(ContainerErrorKind.NotFound,
                $"Container '{c.Name}' has no log: only containers made by New-Container keep their output (console.log in the bundle).", c.Id);
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        foreach (var line in Tail >= 0 ? lines.Skip(Math.Max(0, lines.Count - Tail)) : lines) WriteObject(line);
        if (!Wait) return;
        var partial = new StringBuilder();
        while (true)
        {
            var stopped = ContainerCatalog.Load(c.Id, c.StateRoot) is not { State: not ContainerState.Stopped };
            int ch;
            while ((ch = reader.Read()) >= 0)
            {
                if (ch == '\n')
                {
                    WriteObject(partial.ToString());
                    partial.Clear();
                }
                else partial.Append((char)ch);
            }
            if (stopped) break; // read once more after it stopped: nothing written before the end is lost
            Cancel.WaitHandle.WaitOne(100);
            if (Cancel.IsCancellationRequested) throw new PipelineStoppedException();
        }
        if (partial.Length > 0) WriteObject(partial.ToString());
    }
}
