namespace LibContainer;

/// <summary>Lifecycle state of a container as the module sees it (liveness re-checked from /proc).</summary>
public enum ContainerState
{
    Unknown,
    Creating,
    Created,
    Running,
    Paused,
    Stopped,
}
