using System.Management.Automation;
using LibContainer.Config;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Test-ContainerConfig: validates a config; each problem is an error record naming the JSON path.</summary>
[Cmdlet(VerbsDiagnostic.Test, "ContainerConfig", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool))]
public sealed class TestContainerConfigCommand : ContainerCmdletBase
{
    private const string PathSet = "Path", InputObjectSet = "InputObject";

    // Not Mandatory, so that a piped config object reaches -InputObject (see ContainerTargetCmdletBase.Name).
    [Parameter(ParameterSetName = PathSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Spec InputObject { get; set; } = null!;

    /// <summary>Return $true or $false instead of writing error records.</summary>
    [Parameter] public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            Report(ConfigBridge.Validate(InputObject), InputObject);
            return;
        }
        if (Path.Length == 0)
            ThrowTerminatingError(ErrorMapper.Make(ErrorIds.ConfigNotFound, ContainerErrorKind.ConfigInvalid, "Give a config with -Path or -InputObject (or pipe it in).", null));
        foreach (var file in ConfigPaths.Resolve(this, Path, literal: false))
        {
            IReadOnlyList<ConfigError> errors;
            try { errors = ConfigBridge.Validate(ConfigBridge.Parse(File.ReadAllText(file), file)); }
            catch (ConfigException e) { errors = e.Errors; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteErrorFor(e, file);
                if (Quiet) WriteObject(false);
                continue;
            }
            Report(errors, file);
        }
    }

    private void Report(IReadOnlyList<ConfigError> errors, object source)
    {
        if (Quiet)
        {
            WriteObject(errors.Count == 0);
            return;
        }
        foreach (var error in errors)
        {
            var record = new ErrorRecord(new ConfigException([error], source as string), ErrorIds.ConfigInvalid,
                ErrorCategory.InvalidData, error)
            {
                ErrorDetails = new ErrorDetails(error.ToString()) { RecommendedAction = ErrorMapper.ActionFor(ContainerErrorKind.ConfigInvalid) },
            };
            WriteError(record);
        }
    }
}
