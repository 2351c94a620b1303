namespace LibContainer;

/// <summary>Lifecycle state of a container: the one status type of the library, nsinit and the module (live status
/// comes from <see cref="Runtime.ContainerStatusProbe"/>).</summary>
public enum ContainerState
{
    Unknown,
    Creating,
    Created,
    Running,
    Paused,
    Stopped,
}

/// <summary>The OCI state's lower-case status words ("created", "running", …) for <see cref="ContainerState"/>.</summary>
public static class ContainerStateNames
{
    public static string ToOci(this ContainerState state) => state switch
    {
        ContainerState.Creating => "creating",
        ContainerState.Created => "created",
        ContainerState.Running => "running",
        ContainerState.Paused => "paused",
        ContainerState.Stopped => "stopped",
        _ => "unknown",
    };

    public static ContainerState FromOci(string? status) => status switch
    {
        "creating" => ContainerState.Creating,
        "created" => ContainerState.Created,
        "running" => ContainerState.Running,
        "paused" => ContainerState.Paused,
        "stopped" => ContainerState.Stopped,
        _ => ContainerState.Unknown,
    };
}
