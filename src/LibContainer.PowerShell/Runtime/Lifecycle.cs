namespace LibContainer.PowerShell.Runtime;

/// <summary>The nsinit calls behind the lifecycle cmdlets, and waiting for a state.</summary>
internal static class Lifecycle
{
    public static void Start(Container c, CancellationToken cancel) =>
        Nsinit.Run(c.StateRoot, ["start", c.Id], c.Id, cancel, failureKind: ContainerErrorKind.InitFailed);

    public static void Signal(Container c, string signal, CancellationToken cancel) =>
        Nsinit.Run(c.StateRoot, ["kill", c.Id, signal], c.Id, cancel);

    public static void Pause(Container c, CancellationToken cancel) => Nsinit.Run(c.StateRoot, ["pause", c.Id], c.Id, cancel);

    public static void Resume(Container c, CancellationToken cancel) => Nsinit.Run(c.StateRoot, ["resume", c.Id], c.Id, cancel);

    public static void Delete(Container c, bool force, CancellationToken cancel)
    {
        Nsinit.Run(c.StateRoot, force ? ["delete", "--force", c.Id] : ["delete", c.Id], c.Id, cancel);
        if (c.ManagedBundle && Directory.Exists(c.Bundle)) Directory.Delete(c.Bundle, recursive: true);
    }

    /// <summary>Polls until the container is stopped or gone; false on timeout (null timeout: wait forever).</summary>
    public static bool WaitStopped(Container c, TimeSpan? timeout, CancellationToken cancel)
    {
        var deadline = timeout is { } t ? DateTime.UtcNow + t : DateTime.MaxValue;
        var delay = 5;
        while (true)
        {
            var now = StateStore.Load(c.Id, c.StateRoot);
            if (now is null || now.State == ContainerState.Stopped) return true;
            if (DateTime.UtcNow >= deadline) return false;
            cancel.WaitHandle.WaitOne(delay);
            cancel.ThrowIfCancellationRequested();
            delay = Math.Min(delay * 2, 100);
        }
    }
}
