namespace LibContainer.Cgroups;

/// <summary>Where a container's cgroup goes: the cgroupsPath rules and the systemd check.</summary>
public static class CgroupPlacement
{
    /// <summary>The default parent of containers' cgroups, at the hierarchy root (never below our own cgroup).</summary>
    public const string DefaultParent = "/nsinit";

    /// <summary>Cgroups with this name belong to the machine's own supervisor and are never touched.</summary>
    public const string ForbiddenName = "process_api";

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
        throw new ContainerException(ContainerErrorKind.ConfigInvalid,
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

    /// <summary>Normalises and refuses paths that escape the hierarchy or name the supervisor's cgroup.</summary>
    public static string Validate(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                $"cgroupsPath \"{path}\" names the hierarchy root; a container needs its own cgroup");
        foreach (var s in segments)
        {
            if (s is "." or "..")
                throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"cgroupsPath \"{path}\" must not contain \"{s}\"");
            if (s == ForbiddenName)
                throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                    $"cgroupsPath \"{path}\" is inside \"{ForbiddenName}\", which belongs to the host's supervisor and is never touched");
        }
        return "/" + string.Join('/', segments);
    }
}
