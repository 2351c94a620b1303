namespace LibContainer.Config;

/// <summary>process.landlock: experimental, the schema runtime-spec PR #1241 proposes (docs/security.md, Landlock).</summary>
public sealed class Landlock : JsonObjectBase
{
    public LandlockRuleset? Ruleset { get; set; }
    public LandlockRules? Rules { get; set; }
    public bool? DisableBestEffort { get; set; }

    /// <summary>Every filesystem right handled; beneath <paramref name="readOnly"/> reading and running allowed, beneath
    /// <paramref name="readWrite"/> everything; nothing elsewhere (the module's -ReadOnlyPath/-ReadWritePath).</summary>
    public static Landlock ForPaths(IReadOnlyList<string> readOnly, IReadOnlyList<string> readWrite)
    {
        ArgumentNullException.ThrowIfNull(readOnly);
        ArgumentNullException.ThrowIfNull(readWrite);
        var all = Security.Landlock.LandlockAccess.All.Where(a => !a.Network).Select(a => a.Name).ToList();
        var rules = new List<LandlockPathBeneath>();
        if (readOnly.Count > 0) rules.Add(new LandlockPathBeneath { AllowedAccess = ["execute", "read_file", "read_dir"], Paths = [.. readOnly] });
        if (readWrite.Count > 0) rules.Add(new LandlockPathBeneath { AllowedAccess = [.. all], Paths = [.. readWrite] });
        return new Landlock { Ruleset = new LandlockRuleset { HandledAccessFS = all }, Rules = new LandlockRules { PathBeneath = rules } };
    }
}

/// <summary>The access rights the ruleset handles: each is denied unless a rule allows it.</summary>
public sealed class LandlockRuleset : JsonObjectBase
{
    public List<string>? HandledAccessFS { get; set; }
    public List<string>? HandledAccessNetwork { get; set; }
}

public sealed class LandlockRules : JsonObjectBase
{
    public List<LandlockPathBeneath>? PathBeneath { get; set; }
    public List<LandlockNetPort>? NetPort { get; set; }
}

/// <summary>Rights allowed beneath each path (container paths).</summary>
public sealed class LandlockPathBeneath : JsonObjectBase
{
    public List<string>? AllowedAccess { get; set; }
    public List<string>? Paths { get; set; }
}

/// <summary>Rights allowed on each TCP port.</summary>
public sealed class LandlockNetPort : JsonObjectBase
{
    public List<string>? AllowedAccess { get; set; }
    public List<uint>? Ports { get; set; }
}
