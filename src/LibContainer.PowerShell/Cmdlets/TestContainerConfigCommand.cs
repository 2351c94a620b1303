using System.Management.Automation;
using LibContainer.Config;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Test-ContainerConfig: validates a config; each problem is an error record naming the JSON path.
/// With -Host: checks it against this host as `nsinit check` does (the same check `create` refuses on), and emits one
/// HostFinding per problem (JSON path, problem, fix, severity).</summary>
[Cmdlet(VerbsDiagnostic.Test, "ContainerConfig", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool), typeof(HostFinding))]
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

    /// <summary>Return $true or $false instead of writing error records (with -Host: $true when it runs here).</summary>
    [Parameter] public SwitchParameter Quiet { get; set; }

    /// <summary>Check the config against this host (kernel, namespaces, cgroup controllers, capabilities, seccomp,
    /// LSMs, idmapped mounts, parent cgroup limits): `nsinit check`.</summary>
    [Parameter] public new SwitchParameter Host { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            if (Host)
                Try(InputObject, () =>
                {
                    using var temp = HostChecker.Write(InputObject, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
                    ReportHost(HostChecker.Check(temp.Dir));
                });
            else Report(ConfigBridge.Validate(InputObject), InputObject);
            return;
        }
        if (Path.Length == 0)
            ThrowTerminatingError(ErrorMapper.Make(ErrorIds.ConfigNotFound, ContainerErrorKind.ConfigInvalid, "Give a config with -Path or -InputObject (or pipe it in).", null));
        foreach (var file in ConfigPaths.Resolve(this, Path, literal: false))
        {
            IReadOnlyList<ConfigError> errors;
            try
            {
                if (Host)
                {
                    CheckHost(file);
                    continue;
                }
                errors = ConfigBridge.Validate(ConfigBridge.Parse(File.ReadAllText(file), file));
            }
            catch (ConfigException e) { errors = e.Errors; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ContainerException)
            {
                WriteErrorFor(e, file);
                if (Quiet) WriteObject(false);
                continue;
            }
            Report(errors, file);
        }
    }

    // A bundle's config.json is checked in its bundle; any other file in a temp bundle (root.path kept pointing at
    // the same directory).
    private void CheckHost(string file)
    {
        string dir = System.IO.Path.GetDirectoryName(file)!;
        if (System.IO.Path.GetFileName(file) == "config.json")
        {
            ReportHost(HostChecker.Check(dir));
            return;
        }
        using var temp = HostChecker.Write(ConfigBridge.Parse(File.ReadAllText(file), file), dir);
        ReportHost(HostChecker.Check(temp.Dir));
    }

    private void ReportHost(IReadOnlyList<HostFinding> findings)
    {
        if (Quiet) WriteObject(findings.All(f => f.Severity != FindingSeverity.Error));
        else foreach (var f in findings) WriteObject(f);
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
