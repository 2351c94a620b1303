namespace LibContainer;

/// <summary>A process running inside a container (Get-ContainerProcess, Start-ContainerProcess).</summary>
public sealed class ContainerProcess
{
    public string ContainerName { get; set; } = "";
    public string ContainerId { get; set; } = "";
    /// <summary>Host pid.</summary>
    public int Pid { get; set; }
    /// <summary>The host pid again, under the name Stop-Process and Get-Process bind by property name (without it they
    /// would bind ProcessName and target every host process of that name).</summary>
    public int Id => Pid;
    /// <summary>Pid as seen inside the container's pid namespace (0 when unknown).</summary>
    public int ContainerPid { get; set; }
    public int ParentPid { get; set; }
    public string ProcessName { get; set; } = "";
    public string CommandLine { get; set; } = "";
    public char StateCode { get; set; }
    public long ResidentBytes { get; set; }
    public TimeSpan CpuTime { get; set; }

    public override string ToString() => ProcessName;
}
