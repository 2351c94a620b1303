namespace LibContainer.Config.Codec;

public static partial class SpecReader
{
    const string LandlockType = "LibContainer.Config.Landlock";
    const string LandlockRulesetType = "LibContainer.Config.LandlockRuleset";
    const string LandlockRulesType = "LibContainer.Config.LandlockRules";
    const string LandlockPathBeneathType = "LibContainer.Config.LandlockPathBeneath";
    const string LandlockNetPortType = "LibContainer.Config.LandlockNetPort";

    internal static Landlock ReadLandlock(ref OciJsonReader r) => r.Object<Landlock>(LandlockType, static (ref OciJsonReader r, Landlock o, string name) =>
    {
        switch (name)
        {
            case "ruleset": o.Ruleset = r.Object<LandlockRuleset>(LandlockRulesetType, LandlockRulesetProperty); break;
            case "rules": o.Rules = r.Object<LandlockRules>(LandlockRulesType, LandlockRulesProperty); break;
            case "disableBestEffort": o.DisableBestEffort = r.NullableBool(); break;
            default: return false;
        }
        return true;
    })!;

    static bool LandlockRulesetProperty(ref OciJsonReader r, LandlockRuleset o, string name)
    {
        switch (name)
        {
            case "handledAccessFS": o.HandledAccessFS = r.StringList(); break;
            case "handledAccessNetwork": o.HandledAccessNetwork = r.StringList(); break;
            default: return false;
        }
        return true;
    }

    static bool LandlockRulesProperty(ref OciJsonReader r, LandlockRules o, string name)
    {
        switch (name)
        {
            case "pathBeneath":
                o.PathBeneath = r.List($"System.Collections.Generic.List`1[{LandlockPathBeneathType}]",
                    static (ref OciJsonReader x) => x.Object<LandlockPathBeneath>(LandlockPathBeneathType, LandlockPathBeneathProperty)!);
                break;
            case "netPort":
                o.NetPort = r.List($"System.Collections.Generic.List`1[{LandlockNetPortType}]",
                    static (ref OciJsonReader x) => x.Object<LandlockNetPort>(LandlockNetPortType, LandlockNetPortProperty)!);
                break;
            default: return false;
        }
        return true;
    }

    static bool LandlockPathBeneathProperty(ref OciJsonReader r, LandlockPathBeneath o, string name)
    {
        switch (name)
        {
            case "allowedAccess": o.AllowedAccess = r.StringList(); break;
            case "paths": o.Paths = r.StringList(); break;
            default: return false;
        }
        return true;
    }

    static bool LandlockNetPortProperty(ref OciJsonReader r, LandlockNetPort o, string name)
    {
        switch (name)
        {
            case "allowedAccess": o.AllowedAccess = r.StringList(); break;
            case "ports": o.Ports = OciJsonReader.UInt32List(ref r); break;
            default: return false;
        }
        return true;
    }
}
