using LibContainer.Security.Landlock;

namespace LibContainer.Config.Validation;

/// <summary>process.landlock (experimental, runtime-spec PR #1241): known right names, rules that allow only handled
/// rights (the kernel refuses others), absolute paths, TCP ports.</summary>
internal static class LandlockRules
{
    public static void Check(Validator v, Landlock landlock, string p)
    {
        var fs = landlock.Ruleset?.HandledAccessFS ?? [];
        var net = landlock.Ruleset?.HandledAccessNetwork ?? [];
        Names(v, $"{p}.ruleset.handledAccessFS", fs, network: false, handled: null);
        Names(v, $"{p}.ruleset.handledAccessNetwork", net, network: true, handled: null);
        if (fs.Count == 0 && net.Count == 0)
            v.Error($"{p}.ruleset", "handles no access right: set handledAccessFS and/or handledAccessNetwork");
        v.Each(landlock.Rules?.PathBeneath, $"{p}.rules.pathBeneath", (rule, rp) =>
        {
            Names(v, $"{rp}.allowedAccess", rule.AllowedAccess ?? [], network: false, handled: fs);
            if (rule.Paths is not { Count: > 0 }) v.Error($"{rp}.paths", "must name at least one path");
            v.AbsoluteList($"{rp}.paths", rule.Paths);
        });
        v.Each(landlock.Rules?.NetPort, $"{p}.rules.netPort", (rule, rp) =>
        {
            Names(v, $"{rp}.allowedAccess", rule.AllowedAccess ?? [], network: true, handled: net);
            if (rule.Ports is not { Count: > 0 }) v.Error($"{rp}.ports", "must name at least one port");
            for (int i = 0; i < (rule.Ports?.Count ?? 0); i++) v.InRange($"{rp}.ports[{i}]", rule.Ports![i], 0, 65535);
        });
    }

    private static void Names(Validator v, string path, List<string> names, bool network, List<string>? handled)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (LandlockAccess.Find(names[i], network) is null)
                v.Error($"{path}[{i}]", $"{Validator.Q(names[i])} is not a Landlock {(network ? "network" : "filesystem")} right "
                    + $"(expected one of: {LandlockAccess.Names(network)})");
            else if (handled is not null && !handled.Contains(names[i]))
                v.Error($"{path}[{i}]", $"{Validator.Q(names[i])} is not handled by the ruleset "
                    + $"(ruleset.{(network ? "handledAccessNetwork" : "handledAccessFS")}): a rule can only allow a handled right");
        }
    }
}
