using System.Management.Automation;
using LibContainer.Config;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Import-ContainerConfig: loads an OCI config.json or a seed container.json into a config object.</summary>
[Cmdlet(VerbsData.Import, "ContainerConfig", DefaultParameterSetName = PathSet)]
[OutputType(typeof(Spec))]
public sealed class ImportContainerConfigCommand : ContainerCmdletBase
{
    private const string PathSet = "Path", LiteralPathSet = "LiteralPath";

    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var file in ConfigPaths.Resolve(this, ParameterSetName == PathSet ? Path : LiteralPath, ParameterSetName == LiteralPathSet))
            Try(file, () => WriteObject(ConfigBridge.Load(file)));
    }
}

/// <summary>Resolves -Path (wildcards) / -LiteralPath to file system paths, reporting ones that do not exist.</summary>
internal static class ConfigPaths
{
    public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string[] paths, bool literal)
    {
        foreach (var p in paths)
        {
            List<string> resolved;
            try
            {
                resolved = literal
                    ? [cmdlet.GetUnresolvedProviderPathFromPSPath(p)]
                    : cmdlet.GetResolvedProviderPathFromPSPath(p, out _).ToList();
            }
            catch (ItemNotFoundException e)
            {
                cmdlet.WriteError(ErrorMapper.FromException(new FileNotFoundException(e.Message), p, ErrorIds.ConfigNotFound));
                continue;
            }
            foreach (var r in resolved)
            {
                if (File.Exists(r)) { yield return r; continue; }
                var inBundle = new[] { "config.json", "container.json" }.Select(f => System.IO.Path.Combine(r, f)).FirstOrDefault(File.Exists);
                if (inBundle is not null) yield return inBundle;
                else cmdlet.WriteError(ErrorMapper.FromException(new FileNotFoundException($"Config file '{r}' not found."), p, ErrorIds.ConfigNotFound));
            }
        }
    }
}
