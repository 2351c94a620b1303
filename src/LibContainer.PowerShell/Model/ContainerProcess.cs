namespace LibContainer.PowerShell;

/// <summary>A process running inside a container (Get-ContainerProcess, Start-ContainerProcess).</summary>
public sealed class ContainerProcess
{
    public string ContainerName { get; internal set; } = "";
    public string ContainerId { get; internal set; } = "";
    /// <summary>Host pid.</summary>
    public int Pid { get; internal set; }
    /// <summary>Pid as seen inside the container's pid namespace (0 when unknown).</summary>
    public int ContainerPid { get; internal set; }
    public int ParentPid { get; internal set; }
    public string ProcessName { get; internal set; } = "";
    public string CommandLine { get; internal set; } = "";
    public char StateCode { get; internal set; }
    public long ResidentBytes { get; internal set; }
    public TimeSpan CpuTime { get; internal set; }

    public override string ToString() => ProcessName;
}
