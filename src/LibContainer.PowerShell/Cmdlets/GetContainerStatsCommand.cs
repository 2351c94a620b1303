using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>
/// Get-ContainerStats: samples CPU, memory, pids, block I/O and network of running containers, like Get-Counter:
/// each sample's CPU % is measured over the -SampleInterval before it.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ContainerStats", DefaultParameterSetName = ContainerResolver.NameSet)]
[OutputType(typeof(ContainerStatsSample))]
public sealed class GetContainerStatsCommand : MultiContainerCmdletBase
{
    private readonly List<Container> _inputs = [];
    private readonly List<string> _names = [];
    private readonly List<string> _ids = [];

    [Parameter(ParameterSetName = ContainerResolver.NameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <summary>Seconds between samples (fractions allowed).</summary>
    [Parameter] [ValidateRange(0.05, 86400.0)] public double SampleInterval { get; set; } = 1;

    [Parameter] [ValidateRange(1, long.MaxValue)] public long MaxSamples { get; set; } = 1;

    /// <summary>Sample until Ctrl+C.</summary>
    [Parameter] public SwitchParameter Continuous { get; set; }

    protected override void ProcessRecord()
    {
        _names.AddRange(Name);
        _ids.AddRange(Id);
        _inputs.AddRange(InputObject);
    }

    protected override void EndProcessing()
    {
        var previous = Sample(reportErrors: true);
        for (long n = 0; Continuous || n < MaxSamples; n++)
        {
            if (Cancel.WaitHandle.WaitOne(TimeSpan.FromSeconds(SampleInterval))) throw new PipelineStoppedException();
            var current = Sample(reportErrors: false);
            foreach (var (id, s) in current.OrderBy(kv => kv.Value.Name, StringComparer.OrdinalIgnoreCase))
            {
                if (previous.TryGetValue(id, out var before) && s.CpuUsageNanoseconds >= before.CpuUsageNanoseconds)
                {
                    var wall = (s.Timestamp - before.Timestamp).TotalNanoseconds;
                    s.CpuPercent = wall > 0 ? Math.Round((s.CpuUsageNanoseconds - before.CpuUsageNanoseconds) * 100.0 / wall, 2) : null;
                }
                WriteObject(s);
            }
            previous = current;
        }
        base.EndProcessing();
    }

    private Dictionary<string, ContainerStatsSample> Sample(bool reportErrors)
    {
        var result = new Dictionary<string, ContainerStatsSample>();
        foreach (var (c, error) in ContainerResolver.Resolve(ParameterSetName, [.. _names], [.. _ids], [.. _inputs], allWhenNoName: true))
        {
            if (error is not null)
            {
                if (reportErrors) WriteError(error);
                continue;
            }
            if (c!.State is not (ContainerState.Running or ContainerState.Paused))
            {
                if (reportErrors && (_names.Count > 0 || _ids.Count > 0 || _inputs.Count > 0)) WriteError(ErrorMapper.NotRunning(c));
                continue;
            }
            try { result[c.Id] = StatsReader.Read(c); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                if (reportErrors) WriteErrorFor(e, c);
            }
        }
        return result;
    }
}
