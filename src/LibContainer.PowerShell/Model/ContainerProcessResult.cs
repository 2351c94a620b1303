namespace LibContainer.PowerShell;

/// <summary>What Invoke-ContainerProcess -PassThru returns once the process has exited.</summary>
public sealed class ContainerProcessResult
{
    public string ContainerName { get; internal set; } = "";
    public string ContainerId { get; internal set; } = "";
    public string[] Command { get; internal set; } = [];
    public int ExitCode { get; internal set; }
    public TimeSpan Duration { get; internal set; }
    public bool Success => ExitCode == 0;

    public override string ToString() => $"{string.Join(' ', Command)} -> {ExitCode}";
}
