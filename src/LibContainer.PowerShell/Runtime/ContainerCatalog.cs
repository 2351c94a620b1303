using LibContainer.Config;
using LibContainer.Runtime;

namespace LibContainer.PowerShell.Runtime;

/// <summary>Reads containers from the state root (`&lt;root&gt;/&lt;id&gt;/state.json`) in-process, with Core's liveness probe.</summary>
internal static class ContainerCatalog
{
    public static IEnumerable<Container> List(string? root = null)
    {
        root ??= ModulePaths.StateRoot;
        if (!Directory.Exists(root)) yield break;
        foreach (var dir in Readable(root, () => Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal).ToList()))
        {
            var c = Load(Path.GetFileName(dir), root);
            if (c is not null) yield return c;
        }
    }

    public static Container? Load(string id, string? root = null)
    {
        root ??= ModulePaths.StateRoot;
        ContainerStateRecord? rec;
        try
        {
            rec = new StateStore(root).TryLoad(id);
        }
        catch (UnauthorizedAccessException)
        {
            throw Denied(root);
        }
        catch (Exception e) when (e is IOException or ContainerException)
        {
            return null; // being deleted right now
        }
        return rec is null ? null : FromRecord(rec, root);
    }

    private static T Readable<T>(string root, Func<T> read)
    {
        try { return read(); }
        catch (UnauthorizedAccessException) { throw Denied(root); }
    }

    /// <summary>A state root this user may not read (not root): said as such, never "no container found".</summary>
    private static UnauthorizedAccessException Denied(string root) =>
        new($"Access to the container state root '{root}' is denied: containers are managed as root (run PowerShell as root).");

    internal static Container FromRecord(ContainerStateRecord rec, string root)
    {
        var spec = rec.Config ?? new Spec();
        var name = spec.Annotations is { } a && a.TryGetValue(ModulePaths.NameAnnotation, out var n) && n.Length > 0 ? n : rec.Id;
        var c = new Container(rec.Id, name, LiveState(rec, root), root)
        {
            Bundle = rec.Bundle,
            Rootfs = rec.Rootfs,
            Created = rec.Created,
            Hostname = spec.Hostname,
            CgroupsPath = rec.CgroupsPath,
            CgroupPaths = rec.CgroupPaths ?? new Dictionary<string, string>(),
            Command = spec.Process?.Args is { } args ? string.Join(' ', args) : "",
            MemoryLimit = spec.Linux?.Resources?.Memory?.Limit,
            PidsLimit = spec.Linux?.Resources?.Pids?.Limit,
            IPAddresses = BridgeNetwork.Addresses(spec),
            HostInterfaces = rec.HostInterfaces?.ToArray() ?? [],
            Config = spec,
            ManagedBundle = IsUnder(rec.Bundle, ModulePaths.BundleRoot),
            AutoRemove = spec.Annotations is { } ar && ar.TryGetValue(ModulePaths.AutoRemoveAnnotation, out var v) && v == "true",
        };
        c.Pid = c.State is ContainerState.Stopped or ContainerState.Unknown ? 0 : rec.Pid;
        if (c.Pid > 0) c.Seccomp = Security.Seccomp.SeccompProfiles.ModeOf(c.Pid);
        if (c.State == ContainerState.Stopped) SetExit(c, new StateStore(root).ReadExitStatus(rec.Id));
        return c;
    }

    /// <summary>Copies what the container's supervisor recorded (ignored unless it is about this init).</summary>
    internal static void SetExit(Container c, ContainerExitStatus? exit)
    {
        if (exit is null) return;
        c.ExitCode = exit.ExitCode;
        c.ExitSignal = exit.SignalName;
        c.FinishedAt = exit.FinishedAt;
    }

    /// <summary>Core's status probe: init alive (same start time), exec fifo present = created, recorded pause.</summary>
    private static ContainerState LiveState(ContainerStateRecord rec, string root) =>
        ContainerStatusProbe.Status(rec, new LibContainer.Runtime.StateStore(root));

    private static bool IsUnder(string path, string dir)
    {
        if (path.Length == 0) return false;
        var full = Path.GetFullPath(path).TrimEnd('/') + "/";
        return full.StartsWith(Path.GetFullPath(dir).TrimEnd('/') + "/", StringComparison.Ordinal);
    }
}
