using System.Management.Automation;
using LibContainer.Config;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>
/// Lets a Spec parameter take the path of a config.json / container.json (string or FileInfo) as well. Other
/// objects pass through unchanged, so pipeline binding moves on to by-property-name parameters.
/// </summary>
public sealed class ConfigTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        string? path = value switch
        {
            string s => engineIntrinsics.SessionState.Path.GetUnresolvedProviderPathFromPSPath(s),
            FileInfo f => f.FullName,
            _ => null,
        };
        if (path is null) return inputData;
        try
        {
            var spec = ConfigBridge.Load(path);
            if (spec.Root is { } r && !Path.IsPathRooted(r.Path))
                r.Path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, r.Path));
            return spec;
        }
        catch (Exception e) when (e is ContainerException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentTransformationMetadataException(e.Message, e);
        }
    }
}
