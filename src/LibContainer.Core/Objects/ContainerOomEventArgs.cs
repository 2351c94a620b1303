namespace LibContainer;

/// <summary>Event data of one OOM kill in a container (Register-ContainerOomEvent).</summary>
public sealed class ContainerOomEventArgs : EventArgs
{
    public ContainerOomEventArgs(string name, string id, ulong oomKills, DateTime time)
    {
        ContainerName = name;
        ContainerId = id;
        OomKills = oomKills;
        TimeGenerated = time;
    }

    public string ContainerName { get; }
    public string ContainerId { get; }
    /// <summary>Total OOM kills in the container's cgroup so far.</summary>
    public ulong OomKills { get; }
    public DateTime TimeGenerated { get; }
}
