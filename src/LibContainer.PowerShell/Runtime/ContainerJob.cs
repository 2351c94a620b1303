using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace LibContainer.PowerShell.Runtime;

/// <summary>
/// -AsJob: the same cmdlet, with the same parameters less -AsJob, run in a runspace of its own on a background
/// thread. Its output, errors, warnings and progress are the job's, so Receive-Job gives the objects the cmdlet
/// would have written; Stop-Job stops that pipeline, which ends what the cmdlet runs (Ctrl+C's path: StopProcessing).
/// </summary>
internal sealed class ContainerJob : Job
{
    private static readonly ConcurrentDictionary<Guid, byte> JobRunspaces = new();
    private readonly System.Management.Automation.PowerShell _ps;
    private readonly Runspace _runspace;

    /// <summary>True on a job's pipeline thread: no terminal, no Ctrl+C of its own.</summary>
    public static bool Current => Runspace.DefaultRunspace is { } r && JobRunspaces.ContainsKey(r.InstanceId);

    public ContainerJob(string commandName, Type cmdletType, IEnumerable<KeyValuePair<string, object?>> parameters, string command, string name)
        : base(command, name)
    {
        PSJobTypeName = "ContainerJob";
        var iss = InitialSessionState.CreateDefault2();
        iss.Commands.Add(new SessionStateCmdletEntry(commandName, cmdletType, null));
        _runspace = RunspaceFactory.CreateRunspace(iss);
        _runspace.Open();
        JobRunspaces[_runspace.InstanceId] = 0;
        _ps = System.Management.Automation.PowerShell.Create();
        _ps.Runspace = _runspace;
        _ps.AddCommand(commandName);
        foreach (var (parameter, value) in parameters) _ps.AddParameter(parameter, value);
        if (cmdletType.GetCustomAttributes(typeof(CmdletAttribute), false) is [CmdletAttribute { SupportsShouldProcess: true }])
            _ps.AddParameter("Confirm", false); // asked, if at all, before the job started
        _ps.Streams.Error = Error;
        _ps.Streams.Warning = Warning;
        _ps.Streams.Verbose = Verbose;
        _ps.Streams.Debug = Debug;
        _ps.Streams.Progress = Progress;
        _ps.Streams.Information = Information;
    }

    public void Start()
    {
        SetJobState(JobState.Running);
        _ps.BeginInvoke<PSObject, PSObject>(null, Output, null, Ended, null);
    }

    private void Ended(IAsyncResult result)
    {
        var state = JobState.Completed;
        try
        {
            _ps.EndInvoke(result);
        }
        catch (PipelineStoppedException)
        {
            state = JobState.Stopped;
        }
        catch (Exception e) when (e is RuntimeException or InvalidOperationException)
        {
            Error.Add(e is IContainsErrorRecord r ? r.ErrorRecord : new ErrorRecord(e, "ContainerJobFailed", ErrorCategory.NotSpecified, null));
            state = JobState.Failed;
        }
        if (_ps.InvocationStateInfo.State == PSInvocationState.Stopped) state = JobState.Stopped;
        JobRunspaces.TryRemove(_runspace.InstanceId, out _);
        SetJobState(state);
    }

    /// <summary>Remove-Job: the runspace goes with the job (not in the end callback, which may run inside Stop).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ps.Dispose();
            _runspace.Dispose();
        }
        base.Dispose(disposing);
    }

    public override void StopJob()
    {
        if (JobStateInfo.State is JobState.Running or JobState.NotStarted) _ps.Stop();
    }

    public override string StatusMessage => "";

    public override bool HasMoreData => Output.Count > 0 || Error.Count > 0 || Warning.Count > 0 || Verbose.Count > 0 || Information.Count > 0;

    public override string Location => System.Environment.MachineName;
}
