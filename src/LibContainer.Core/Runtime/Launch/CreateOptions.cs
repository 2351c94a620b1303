namespace LibContainer.Runtime.Launch;

/// <summary>How cgroups are handled: the host's cgroupfs (default), none at all, or systemd (not available here).</summary>
public enum CgroupDriver { Cgroupfs, Disabled, Systemd }

/// <summary>The flags of `create` / `run`.</summary>
public sealed class CreateOptions
{
    public required string Id { get; init; }
    public string Bundle { get; init; } = ".";
    public string? PidFile { get; init; }
    public string? ConsoleSocket { get; init; }
    public int PreserveFds { get; init; }
    public bool NoPivot { get; init; }
    public bool NoNewKeyring { get; init; }
    public CgroupDriver Cgroups { get; init; } = CgroupDriver.Cgroupfs;
    /// <summary>--rootless true|false|auto: a rootless container (docs/rootless.md); auto = the caller is not root.</summary>
    public bool Rootless { get; init; } = RootlessLaunch.Default;
    /// <summary>The container's init dies with this process (set inside the supervisor of create --supervise).</summary>
    public bool DieWithParent { get; init; } = Supervision.Supervisor.Running;

    // Set by the launcher.
    internal string? ExecFifoPath { get; set; }
    internal int ConsoleSocketFd { get; set; } = -1;
}
