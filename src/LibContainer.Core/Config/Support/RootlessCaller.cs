using System.Globalization;

namespace LibContainer.Config;

/// <summary>Who creates a rootless container: their ids and name, the id ranges delegated to them, the helpers found.</summary>
public sealed record RootlessCaller(uint Uid, uint Gid, string? UserName, IReadOnlyList<SubordinateRange> SubUids,
    IReadOnlyList<SubordinateRange> SubGids, string? NewUidMap, string? NewGidMap)
{
    /// <summary>root writes any mapping itself; another user only the single mapping of their own id.</summary>
    public bool IsRoot => Uid == 0;

    /// <summary>The calling process as it is: euid/egid, its name in /etc/passwd, /etc/subuid and /etc/subgid, and
    /// newuidmap/newgidmap on PATH (or in /usr/bin); for root only its ids.</summary>
    public static RootlessCaller Current()
    {
        uint uid = LibC.geteuid(), gid = LibC.getegid();
        // root writes every mapping itself: its name, ranges and the helpers are never consulted (and create is a hot path)
        if (uid == 0) return new RootlessCaller(uid, gid, null, [], [], null, null);
        string? name = NameOf(uid);
        return new RootlessCaller(uid, gid, name, SubordinateIds.Read(SubordinateIds.SubUidFile, name, uid),
            SubordinateIds.Read(SubordinateIds.SubGidFile, name, uid), FindHelper("newuidmap"), FindHelper("newgidmap"));
    }

    /// <summary>Whether the parent writes these mappings itself (root; or a user mapping exactly their own id once),
    /// else through newuidmap/newgidmap.</summary>
    public bool WritesDirectly(List<IdMapping>? maps, uint ownId) =>
        IsRoot || maps is [{ Size: 1 } only] && only.HostId == ownId;

    /// <summary>The kernel lets an unprivileged writer set gid_map only after "deny" went to setgroups.</summary>
    public bool DeniesSetgroups(Spec spec) => !IsRoot && WritesDirectly(spec.Linux?.GidMappings, Gid);

    private static string? NameOf(uint uid)
    {
        string id = uid.ToString(CultureInfo.InvariantCulture);
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
                if (line.Split(':') is [var name, _, var u, ..] && u == id) return name;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }

    private static string? FindHelper(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin")
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
