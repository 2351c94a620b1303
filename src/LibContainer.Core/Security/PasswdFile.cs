namespace LibContainer.Security;

/// <summary>One line of an /etc/passwd file.</summary>
public sealed record PasswdEntry(string Name, uint Uid, uint Gid, string Home, string Shell);

/// <summary>Parses /etc/passwd text the way libc's files backend does: colon-separated, comments and malformed
/// lines skipped, the first match wins.</summary>
public static class PasswdFile
{
    public static PasswdEntry? FindByUid(string? text, uint uid)
    {
        foreach (var e in Parse(text))
            if (e.Uid == uid) return e;
        return null;
    }

    public static PasswdEntry? FindByName(string? text, string name)
    {
        foreach (var e in Parse(text))
            if (e.Name == name) return e;
        return null;
    }

    public static IEnumerable<PasswdEntry> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            // name:password:uid:gid:gecos:home:shell
            var f = line.Split(':');
            if (f.Length < 4 || f[0].Length == 0) continue;
            if (!uint.TryParse(f[2], out var uid) || !uint.TryParse(f[3], out var gid)) continue;
            yield return new PasswdEntry(f[0], uid, gid, f.Length > 5 ? f[5] : "", f.Length > 6 ? f[6] : "");
        }
    }
}
