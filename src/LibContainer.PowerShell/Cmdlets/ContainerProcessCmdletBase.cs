using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>
/// Shared parameters of the cmdlets that run a process in a container. -Name is named (not positional) so that
/// `... | Invoke-ContainerProcess /bin/sh -c 'echo hi'` binds /bin/sh to -FilePath, and no parameter starts with
/// "c" so that -c falls through to the command's arguments.
/// </summary>
public abstract class ContainerProcessCmdletBase : ContainerCmdletBase
{
    [Parameter(ParameterSetName = ContainerResolver.NameSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(ParameterSetName = ContainerResolver.IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = "";

    [Parameter(ParameterSetName = ContainerResolver.InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Container InputObject { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string FilePath { get; set; } = "";

    [Parameter(Position = 1, ValueFromRemainingArguments = true)]
    [Alias("Args")]
    public string[] ArgumentList { get; set; } = [];

    [Parameter] public IDictionary Environment { get; set; } = new Hashtable();

    [Parameter] [ValidateNotNullOrEmpty] public string WorkingDirectory { get; set; } = "";

    /// <summary>UID[:GID] the process runs as.</summary>
    [Parameter] [ValidatePattern(@"^\d+(:\d+)?$")] public string User { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ContainerResolver.NameSet && Name.Length == 0) ThrowNoTarget();
        var found = ContainerResolver.Resolve(ParameterSetName, [Name], [Id], [InputObject]).ToList();
        if (found.Count > 1 && ParameterSetName == ContainerResolver.NameSet)
        {
            WriteError(ErrorMapper.Make(ErrorIds.ContainerIdAmbiguous, ContainerErrorKind.NotFound,
                $"The name '{Name}' matches {found.Count} containers; a process runs in one container.", Name));
            return;
        }
        foreach (var (c, error) in found)
        {
            if (error is not null) WriteError(error);
            else Try(c, () => Run(Ready(c!)));
        }
    }

    /// <summary>The seed's semantics: a created container is started first; a running one is joined.</summary>
    private Container Ready(Container c)
    {
        switch (c.State)
        {
            case ContainerState.Running:
                return c;
            case ContainerState.Created:
                Lifecycle.Start(c, Cancel);
                return Reload(c);
            case ContainerState.Paused:
                throw new ContainerException(ContainerErrorKind.Paused, $"Container '{c.Name}' is paused.", c.Id);
            default:
                throw new ContainerException(ContainerErrorKind.NotRunning, $"Container '{c.Name}' is not running.", c.Id);
        }
    }

    protected abstract void Run(Container c);

    /// <summary>The process spec for `nsinit exec --process`: the container's process with this call's overrides.</summary>
    protected string WriteProcessFile(Container c, bool terminal)
    {
        var baseProcess = c.Config.Process ?? new Process();
        var p = JsonSerializer.Deserialize(JsonSerializer.Serialize(baseProcess, OciJsonContext.Default.Process), OciJsonContext.Default.Process)!;
        p.Args = [FilePath, .. ArgumentList];
        p.Terminal = terminal;
        if (WorkingDirectory.Length > 0) p.Cwd = WorkingDirectory;
        if (User.Length > 0) p.User = ProcessOverrides.WithUser(p.User, User, "-User");
        if (Environment.Count > 0) p.Env = ProcessOverrides.WithEnv(p.Env, ContainerSpecCmdletBase.EnvEntries(Environment));
        // 0600 under a fresh name: -Environment may carry secrets, and the temp directory is shared.
        return LibContainer.Runtime.PrivateTempFile.Write("libcontainer-process", JsonSerializer.Serialize(p, OciJsonContext.Default.Process));
    }
}
