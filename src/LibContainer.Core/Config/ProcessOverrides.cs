using System.Globalization;

namespace LibContainer.Config;

/// <summary>
/// The per-call overrides of a process (nsinit exec --user/--env, the cmdlets' -User/-Environment), one meaning for
/// all of them.
/// </summary>
public static class ProcessOverrides
{
    /// <summary>
    /// "uid[:gid]" (numbers) over <paramref name="basis"/>, as runc exec --user: without ":gid" the basis's gid is kept
    /// (runc copies the config's process and sets only what was given); umask, additional gids and username stay.
    /// </summary>
    public static User WithUser(User? basis, string spec, string what = "--user")
    {
        var parts = spec.Split(':');
        if (parts.Length > 2 || !TryId(parts[0], out uint uid) || (parts.Length == 2 && !TryId(parts[1], out _)))
            throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"invalid {what} '{spec}': expected uid[:gid] (numbers)");
        var b = basis ?? new User();
        return new User
        {
            Uid = uid, Gid = parts.Length == 2 ? uint.Parse(parts[1], CultureInfo.InvariantCulture) : b.Gid,
            Umask = b.Umask, AdditionalGids = b.AdditionalGids is null ? null : [.. b.AdditionalGids], Username = b.Username,
        };
    }

    /// <summary>
    /// <paramref name="basis"/> with each "KEY=VALUE" of <paramref name="overrides"/> replacing the entry of the same
    /// KEY (only that key: FOO never touches FOOBAR), appended at the end. "KEY" alone replaces KEY's entry with the
    /// bare word.
    /// </summary>
    public static List<string> WithEnv(IEnumerable<string>? basis, IEnumerable<string> overrides)
    {
        var env = basis?.ToList() ?? [];
        foreach (var e in overrides)
        {
            var key = Key(e);
            env.RemoveAll(x => Key(x) == key);
            env.Add(e);
        }
        return env;
    }

    private static string Key(string entry)
    {
        int eq = entry.IndexOf('=');
        return eq < 0 ? entry : entry[..eq];
    }

    private static bool TryId(string s, out uint id) =>
        uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
