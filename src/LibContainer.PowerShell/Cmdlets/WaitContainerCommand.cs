using System.Management.Automation;
using LibContainer.PowerShell.Runtime;
using LibContainer.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Wait-Container: waits until containers stop; emits each once it has stopped, with ExitCode (like
/// `docker wait`): the init's exit status, 128+N when signal N killed it (ExitSignal names it).</summary>
[Cmdlet(VerbsLifecycle.Wait, "Container", DefaultParameterSetName = ContainerResolver.NameSet)]
[OutputType(typeof(Container), typeof(Job))]
public sealed class WaitContainerCommand : ContainerTargetCmdletBase
{
    /// <summary>Seconds to wait for each container; -1 waits forever.</summary>
    [Parameter] [ValidateRange(-1, int.MaxValue)] public int Timeout { get; set; } = -1;

    /// <summary>Wait in a background job, one per container (Receive-Job gets the stopped container).</summary>
    [Parameter] public SwitchParameter AsJob { get; set; }

    protected override void ProcessContainer(Container c)
    {
        if (AsJob)
        {
            var job = new ContainerJob("Wait-Container", typeof(WaitContainerCommand),
                [new("Id", new[] { c.Id }), new("Timeout", Timeout)], $"Wait-Container {c.Name}", c.Name);
            JobRepository.Add(job);
            job.Start();
            WriteObject(job);
            return;
        }
        var timeout = Timeout < 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(Timeout);
        if (!Lifecycle.WaitStopped(c, timeout, Cancel, Progress(c, "Waiting for it to stop")))
        {
            WriteError(ErrorMapper.Make(ErrorIds.StopTimeout, ContainerErrorKind.Running,
                $"Container '{c.Name}' still runs after {Timeout}s; stop it with Stop-Container, or wait longer with a larger -Timeout.", c));
            return;
        }
        // init's end and the supervisor's exit.json are a moment apart: give a live supervisor that moment.
        var exit = new StateStore(c.StateRoot).AwaitExitStatus(c.Id, TimeSpan.FromSeconds(5), Cancel);
        var stopped = Reload(c);
        if (stopped.ExitCode is null) ContainerCatalog.SetExit(stopped, exit);
        // The same Container, shown by the "ContainerExit" view (name, state, exit code, signal, finished).
        var output = PSObject.AsPSObject(stopped);
        output.TypeNames.Insert(0, ExitViewTypeName);
        if (stopped.AutoRemove) Lifecycle.Delete(stopped, force: true, Cancel);
        WriteObject(output);
    }

    /// <summary>The extra type name Wait-Container's output carries, which selects the ContainerExit table view.</summary>
    public const string ExitViewTypeName = "LibContainer.Container#Exit";
}
