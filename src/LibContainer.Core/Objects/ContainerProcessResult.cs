namespace LibContainer;

/// <summary>What Invoke-ContainerProcess -PassThru returns once the process has exited.</summary>
public sealed class ContainerProcessResult
{
    public string ContainerName { get; set; } = "";
    public string ContainerId { get; set; } = "";
    public string[] Command { get; set; } = [];
    public int ExitCode { get; set; }
    public TimeSpan Duration { get; set; }
    public bool Success => ExitCode == 0;

    public override string ToString() => $"{string.Join(' ', Command)} -> {ExitCode}";
}
