namespace LibContainer.Config;

/// <summary>How bad a <see cref="HostFinding"/> is: <see cref="Error"/>, `create` refuses the config (or would
/// fail); <see cref="Warning"/>, it runs, but not quite as written (e.g. a parent cgroup's lower limit applies).</summary>
public enum FindingSeverity
{
    Error,
    Warning,
}

/// <summary>One thing a config asks for that this host cannot give (`nsinit check`, `Test-ContainerConfig -Host`):
/// the config's JSON path, the problem, how to fix it, and how bad it is.</summary>
public sealed record HostFinding(string Path, string Problem, string Fix, FindingSeverity Severity)
{
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Path}: {Problem} (fix: {Fix})";
}
