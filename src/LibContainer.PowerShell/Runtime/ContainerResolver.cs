using System.Management.Automation;
using LibContainer.Runtime;

namespace LibContainer.PowerShell.Runtime;

/// <summary>Finds containers by -Name (wildcards), -Id (unique prefix) or -InputObject (re-read fresh).</summary>
internal static class ContainerResolver
{
    public const string NameSet = "Name", IdSet = "Id", InputObjectSet = "InputObject";

    /// <summary>An access-denied error when this user may not read the state root (PermissionDenied, not NotFound).</summary>
    private static ErrorRecord? Unreadable(string? root)
    {
        try
        {
            ContainerCatalog.List(root).Take(1).ToList();
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            return ErrorMapper.FromException(e, root ?? ModulePaths.StateRoot);
        }
    }

    /// <summary>Not among this user's containers. For a user other than root, an id that names one of root's containers
    /// (its directory is under root's state root, whose state this user may not read) is access denied, not "not found".</summary>
    private static ErrorRecord NotFound(string what, string target, string? id)
    {
        if (ModulePaths.IsRoot || ModulePaths.StateRoot == StateRoots.SystemRoot) return ErrorMapper.NotFound(what, target);
        if (id is not null && RootHas(id))
            return ErrorMapper.FromException(new UnauthorizedAccessException($"Container id '{id}' is one of root's containers (in {StateRoots.SystemRoot}): "
                + $"access is denied to this user, whose containers are in {ModulePaths.StateRoot}."), target);
        return ErrorMapper.NotFound($"{what} among this user's containers ({ModulePaths.StateRoot}; root's are not visible to other users)", target);
    }

    private static bool RootHas(string id)
    {
        try { return Directory.EnumerateDirectories(StateRoots.SystemRoot).Any(d => Path.GetFileName(d).StartsWith(id, StringComparison.Ordinal)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Yields each match, or an error record for a name/id that matched nothing (non-terminating).</summary>
    public static IEnumerable<(Container? Container, ErrorRecord? Error)> Resolve(string parameterSet, string[]? names,
        string[]? ids, Container[]? inputs, bool allWhenNoName = false)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (Unreadable(parameterSet == InputObjectSet ? inputs?.FirstOrDefault()?.StateRoot : null) is { } denied)
        {
            yield return (null, denied);
            yield break;
        }
        switch (parameterSet)
        {
            case InputObjectSet:
                foreach (var c in inputs ?? [])
                {
                    if (c is null) continue;
                    var fresh = ContainerCatalog.Load(c.Id, c.StateRoot);
                    if (fresh is null) yield return (null, ErrorMapper.NotFound($"id '{c.Id}' (it was removed)", c));
                    else if (seen.Add(fresh.Id)) yield return (fresh, null);
                }
                break;
            case IdSet:
                var all = ContainerCatalog.List().ToList();
                foreach (var id in ids ?? [])
                {
                    var exact = all.Where(c => c.Id == id).ToList();
                    var matches = exact.Count > 0 ? exact : all.Where(c => c.Id.StartsWith(id, StringComparison.Ordinal)).ToList();
                    if (matches.Count == 0) yield return (null, NotFound($"id '{id}'", id, id));
                    else if (matches.Count > 1)
                        yield return (null, ErrorMapper.Make(ErrorIds.ContainerIdAmbiguous, ContainerErrorKind.NotFound,
                            $"Id prefix '{id}' matches {matches.Count} containers ({string.Join(", ", matches.Select(m => m.ShortId))}); give more characters.", id));
                    else if (seen.Add(matches[0].Id)) yield return (matches[0], null);
                }
                break;
            default:
                var list = ContainerCatalog.List().OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
                if (names is null || names.Length == 0)
                {
                    if (allWhenNoName)
                        foreach (var c in list) yield return (c, null);
                    break;
                }
                foreach (var name in names)
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    var found = false;
                    foreach (var c in list.Where(c => pattern.IsMatch(c.Name)))
                    {
                        found = true;
                        if (seen.Add(c.Id)) yield return (c, null);
                    }
                    if (!found && !WildcardPattern.ContainsWildcardCharacters(name))
                        yield return (null, NotFound($"name '{name}'", name, null));
                }
                break;
        }
    }
}
