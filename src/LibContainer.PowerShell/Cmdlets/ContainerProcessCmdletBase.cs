using System.Collections;
using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>
/// Shared parameters of the cmdlets that run a process in a container. The container is named with -Name, -Id or
/// the pipeline, never by position; -Program (position 0) takes the program and every argument after it. Tokens
/// after the program that PowerShell bound to this cmdlet's parameters are given back to the program
/// (<see cref="ProgramArguments"/>); no parameter starts with "c" so that -c reaches the program.
/// </summary>
public abstract class ContainerProcessCmdletBase : SingleContainerCmdletBase
{
    [Parameter(ParameterSetName = ContainerResolver.NameSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The program and its arguments: every value from position 0 on.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromRemainingArguments = true)]
    [ValidateNotNullOrEmpty]
    public string[] Program { get; set; } = [];

    [Parameter] public IDictionary Environment { get; set; } = new Hashtable();

    [Parameter] [ValidateNotNullOrEmpty] public string WorkingDirectory { get; set; } = "";

    /// <summary>UID[:GID] the process runs as.</summary>
    [Parameter] [ValidatePattern(@"^\d+(:\d+)?$")] public string User { get; set; } = "";

    private ProgramArguments? _arguments;

    /// <summary>The program and its arguments as written (tokens PowerShell took as parameters given back).</summary>
    protected string[] Argv => _arguments?.Argv ?? Program;

    /// <summary>A parameter given on the command line before the program (not one taken from the program's arguments).</summary>
    protected bool Given(string parameter) =>
        MyInvocation.BoundParameters.ContainsKey(parameter) && !(_arguments?.Reclaimed.Contains(parameter) ?? false);

    protected override void BeginProcessing()
    {
        try
        {
            _arguments = ProgramArguments.Resolve(MyInvocation, Program, nameof(Program));
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, ErrorIds.ProgramArgumentTakenAsParameter, ErrorCategory.InvalidArgument, Program)
            {
                ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = "Put -- before the program." },
            });
        }
    }

    protected override void ProcessRecord()
    {
        var set = ParameterSetName;
        if (set == ContainerResolver.NameSet && !Given(nameof(Name))) ThrowNoTarget();
        var found = Resolve(Name).ToList();
        if (found.Count > 1 && set == ContainerResolver.NameSet)
        {
            WriteError(ErrorMapper.Make(ErrorIds.ContainerIdAmbiguous, ContainerErrorKind.NotFound,
                $"The name '{Name}' matches {found.Count} containers; a process runs in one container.", Name));
            return;
        }
        foreach (var (c, error) in found)
        {
            if (error is not null) WriteError(error);
            else if (ShouldRun(c!)) Try(c, () => { if (!StartedAsJob(c!)) RunThenRemove(c!); });
        }
    }

    /// <summary>ShouldProcess, unless -Confirm was only the program's -c: then it asks only when PowerShell would have
    /// asked without it (-WhatIf, or $ConfirmPreference at Medium or below).</summary>
    private bool ShouldRun(Container c)
    {
        var action = $"Run '{string.Join(' ', Argv)}'";
        if (Given("Confirm") || !MyInvocation.BoundParameters.ContainsKey("Confirm")) return ShouldProcessContainer(c, action);
        var whatIf = SessionState.PSVariable.GetValue("WhatIfPreference") is SwitchParameter { IsPresent: true } or true
            || MyInvocation.BoundParameters.ContainsKey("WhatIf");
        var confirm = LanguagePrimitives.TryConvertTo<ConfirmImpact>(SessionState.PSVariable.GetValue("ConfirmPreference"), out var level)
            && level != ConfirmImpact.None && level <= ConfirmImpact.Medium;
        return !(whatIf || confirm) || ShouldProcessContainer(c, action);
    }

    /// <summary>-AsJob: true when the run was handed to a job (which was written out).</summary>
    protected virtual bool StartedAsJob(Container c) => false;

    /// <summary>True when a command that ends ends the container's use (Invoke-ContainerProcess): an -AutoRemove
    /// container this call started is removed after it.</summary>
    protected virtual bool RemovesStartedAutoRemove => false;

    private void RunThenRemove(Container c)
    {
        var startedHere = c.State == ContainerState.Created;
        try
        {
            Run(ContainerExec.Ready(c, Cancel));
        }
        finally
        {
            if (startedHere && c.AutoRemove && RemovesStartedAutoRemove) Lifecycle.Delete(c, force: true, Cancel);
        }
    }

    protected abstract void Run(Container c);

    /// <summary>The process spec for `nsinit exec --process`: the container's process with this call's overrides.</summary>
    protected string WriteProcessFile(Container c, bool terminal) => ContainerExec.WriteProcessFile(c, Argv, terminal,
        Given(nameof(WorkingDirectory)) ? WorkingDirectory : null, Given(nameof(User)) ? User : null, Given(nameof(Environment)) ? Environment : null);
}
