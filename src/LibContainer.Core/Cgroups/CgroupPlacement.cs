namespace LibContainer.Cgroups;

/// <summary>Where a container's cgroup goes: the cgroupsPath rules and the systemd check.</summary>
public static class CgroupPlacement
{
    /// <summary>The default parent of containers' cgroups, at the hierarchy root (never below our own cgroup).</summary>
    public const string DefaultParent = "/nsinit";

    /// <summary>
    /// The environment variable naming cgroups the runtime must never create, join or write: names separated by
    /// ':' or ','; any cgroupsPath segment equal to one is refused. Empty or unset (the default): nothing is refused.
    /// A host whose own supervisor lives in a cgroup sets it, e.g. LIBCONTAINER_CGROUP_DENY=supervisor.
    /// </summary>
    public const string DenyListVariable = "LIBCONTAINER_CGROUP_DENY";

    /// <summary>The names from <see cref="DenyListVariable"/> (read on every call, so a test can change it).</summary>
    public static IReadOnlyList<string> DeniedNames() =>
        ParseDenyList(Environment.GetEnvironmentVariable(DenyListVariable));

    internal static string[] ParseDenyList(string? value) =>
        (value ?? "").Split([':', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True when the segment is on the host's deny-list (<see cref="DenyListVariable"/>).</summary>
    public static bool IsDenied(string segment) => DeniedNames().Contains(segment, StringComparer.Ordinal);

    /// <summary>
    /// Resolves linux.cgroupsPath to a path from the hierarchy roots: absolute as is, relative from the root,
    /// empty = /nsinit/&lt;id&gt;; "slice:prefix:name" (systemd syntax) or systemd=true needs a running systemd.
    /// </summary>
    public static string Resolve(string? cgroupsPath, string containerId, bool systemd, CgroupHost host)
    {
        var raw = cgroupsPath?.Trim() ?? "";
        bool systemdSyntax = IsSystemdSyntax(raw);
        if (systemd || systemdSyntax)
        {
            RequireSystemd(host, systemdSyntax
                ? $"cgroupsPath \"{raw}\" uses the systemd slice:prefix:name syntax"
                : "the systemd cgroup driver was requested (--systemd-cgroup)");
            raw = systemdSyntax ? ExpandSystemdPath(raw, containerId) : raw.Length == 0 ? ExpandSystemdPath("", containerId) : raw;
        }

        string path = raw.Length == 0 ? $"{DefaultParent}/{containerId}" : raw.StartsWith('/') ? raw : "/" + raw;
        return Validate(path);
    }

    public static bool IsSystemdSyntax(string path) =>
        path.Length > 0 && !path.StartsWith('/') && path.Split(':').Length == 3;

    /// <summary>Throws a clear ContainerException unless systemd is pid 1 and /run/systemd/system exists.</summary>
    public static void RequireSystemd(CgroupHost host, string why)
    {
        bool runDir = Directory.Exists(System.IO.Path.Combine(host.RunRoot, "systemd/system"));
        string? comm = null;
        try { comm = File.ReadAllText(System.IO.Path.Combine(host.ProcRoot, "1/comm")).Trim(); } catch (IOException) { }
        if (runDir && comm == "systemd") return;
        var reason = !runDir ? $"{System.IO.Path.Combine(host.RunRoot, "systemd/system")} does not exist"
            : $"pid 1 is \"{comm}\", not systemd";
        throw new ContainerException(ContainerErrorKind.HostUnsupported,
            $"{why}, but systemd is not running on this host ({reason}); use a plain cgroupsPath such as /nsinit/<id> without --systemd-cgroup");
    }

    /// <summary>"system.slice:docker:abc" → "/system.slice/docker-abc.scope"; "a-b.slice" → "/a.slice/a-b.slice".</summary>
    public static string ExpandSystemdPath(string spec, string containerId)
    {
        var parts = spec.Length == 0 ? new[] { "", "nsinit", containerId } : spec.Split(':');
        var slice = parts[0].Length == 0 ? "system.slice" : parts[0];
        var unit = parts[2].EndsWith(".slice", StringComparison.Ordinal) ? parts[2]
            : parts[1].Length == 0 ? parts[2] + ".scope" : $"{parts[1]}-{parts[2]}.scope";
        return ExpandSlice(slice) + "/" + unit;
    }

    internal static string ExpandSlice(string slice)
    {
        if (slice == "-.slice") return "";
        if (!slice.EndsWith(".slice", StringComparison.Ordinal) || slice.Contains('/'))
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid systemd slice name \"{slice}\"");
        var name = slice[..^".slice".Length];
        var path = "";
        var prefix = "";
        foreach (var piece in name.Split('-'))
        {
            if (piece.Length == 0)
                throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid systemd slice name \"{slice}\"");
            prefix = prefix.Length == 0 ? piece : prefix + "-" + piece;
            path += "/" + prefix + ".slice";
        }
        return path;
    }

    /// <summary>Normalises and refuses paths that escape the hierarchy or name a cgroup on the host's deny-list.</summary>
    public static string Validate(string path) => Validate(path, DeniedNames());

    internal static string Validate(string path, IReadOnlyList<string> denied)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                $"cgroupsPath \"{path}\" names the hierarchy root; a container needs its own cgroup");
        foreach (var s in segments)
        {
            if (s is "." or "..")
                throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"cgroupsPath \"{path}\" must not contain \"{s}\"");
            if (denied.Contains(s, StringComparer.Ordinal))
                throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                    $"cgroupsPath \"{path}\" is inside \"{s}\", which this host's {DenyListVariable} reserves (never created, joined or written)");
        }
        return "/" + string.Join('/', segments);
    }
}
