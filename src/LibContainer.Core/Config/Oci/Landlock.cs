namespace LibContainer.Config;

/// <summary>process.landlock: experimental, the schema runtime-spec PR #1241 proposes (docs/security.md, Landlock).</summary>
public sealed class Landlock : JsonObjectBase
{
    public LandlockRuleset? Ruleset { get; set; }
    public LandlockRules? Rules { get; set; }
    public bool? DisableBestEffort { get; set; }
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
