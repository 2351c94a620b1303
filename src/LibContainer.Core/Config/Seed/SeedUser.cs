using System.Globalization;

namespace LibContainer.Config;

/// <summary>
/// The seed's `user` ("name", "uid", "uid:gid", "name:group") and `additional_groups`. Names are looked up in the
/// rootfs's /etc/passwd and /etc/group when those exist; a name that cannot be resolved here is kept in
/// process.user.username (uid/gid 0) for the runtime to resolve against the container's files.
/// </summary>
internal static class SeedUser
{
    public static User Parse(string? spec, List<string>? groups, string? rootPath, SeedObject c)
    {
        var user = new User();
        if (!string.IsNullOrEmpty(spec))
        {
            string[] parts = spec.Split(':', 2);
            string u = parts[0];
            if (TryId(u, out uint uid))
            {
                user.Uid = uid;
                if (Lookup(rootPath, "etc/passwd", 2, u) is { } entry && TryId(entry[3], out uint pg)) user.Gid = pg;
            }
            else if (Lookup(rootPath, "etc/passwd", 0, u) is { } entry && TryId(entry[2], out uint puid) && TryId(entry[3], out uint pgid))
            {
                user.Uid = puid;
                user.Gid = pgid;
            }
            else if (u.Length > 0)
            {
                user.Username = u;
            }

            if (parts.Length == 2)
            {
                if (Group(parts[1], rootPath) is uint gid) user.Gid = gid;
                else c.Error("user", $"{Validation.Validator.Q(parts[1])} is not a group id or a group of the rootfs's /etc/group");
            }
        }

        if (groups is not null)
            for (int i = 0; i < groups.Count; i++)
            {
                if (Group(groups[i], rootPath) is uint gid) (user.AdditionalGids ??= []).Add(gid);
                else c.Error($"additional_groups[{i}]", $"{Validation.Validator.Q(groups[i])} is not a group id or a group of the rootfs's /etc/group");
            }
        return user;
    }

    static uint? Group(string g, string? rootPath)
    {
        if (TryId(g, out uint gid)) return gid;
        if (Lookup(rootPath, "etc/group", 0, g) is { } entry && TryId(entry[2], out uint found)) return found;
        return null;
    }

    static bool TryId(string s, out uint id)
        => uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    /// <summary>The first line of ROOT/FILE whose field `field` equals value, split on ':' (at least 4 fields).</summary>
    static string[]? Lookup(string? rootPath, string file, int field, string value)
    {
        if (rootPath is null) return null;
        try
        {
            string path = Path.Combine(rootPath, file);
            if (!File.Exists(path)) return null;
            foreach (string line in File.ReadLines(path))
            {
                string[] f = line.Split(':');
                if (f.Length >= 4 && f[field] == value) return f;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable passwd is the same as none: the runtime resolves the name later.
        }
        return null;
    }
}
