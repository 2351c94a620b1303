using LibContainer.Config;

namespace LibContainer.Security.Landlock;

/// <summary>
/// process.landlock compiled for the kernel's Landlock ABI: the handled rights as masks and the rules. Best effort
/// (the default, disableBestEffort false) drops each right the ABI lacks, from the ruleset and the rules, with a
/// warning; disableBestEffort makes each of them a refusal at create naming its JSON path (<see cref="AbiRefusals"/>).
/// Without Landlock at all (ABI 0), best effort runs the container without it (warning).
/// </summary>
public sealed record LandlockPolicy(ulong HandledFs, ulong HandledNet, IReadOnlyList<(string Path, ulong Access)> PathRules,
    IReadOnlyList<(ulong Port, ulong Access)> PortRules)
{
    /// <summary><see cref="Compile"/> for this kernel (null config: null).</summary>
    public static LandlockPolicy? ForHost(Config.Landlock? config, List<string> warnings) =>
        config is null ? null : Compile(config, HostFacts.Current.LandlockAbi, "process.landlock", warnings);

    /// <summary>What best effort drops on this kernel, as one warning (null: nothing).</summary>
    public static string? DegradeWarning(Config.Landlock? config)
    {
        var warnings = new List<string>();
        ForHost(config, warnings);
        return warnings.Count > 0 ? string.Join("; ", warnings) : null;
    }

    /// <summary>The policy to apply (null: nothing to apply) and, in <paramref name="warnings"/>, each right dropped.</summary>
    public static LandlockPolicy? Compile(Config.Landlock config, int abi, string path, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(warnings);
        var dropped = Missing(config, abi, path).ToList();
        if (abi < 1)
        {
            warnings.Add($"{path}: not applied, this kernel has no Landlock (best effort; set disableBestEffort to refuse instead)");
            return null;
        }
        if (dropped.Count > 0)
            warnings.Add($"{path}: Landlock ABI {abi} lacks {string.Join(", ", dropped.Select(d => d.Access.Name).Distinct())}: "
                + "not handled (best effort; set disableBestEffort to refuse instead)");
        ulong handledFs = Mask(config.Ruleset?.HandledAccessFS, false, abi), handledNet = Mask(config.Ruleset?.HandledAccessNetwork, true, abi);
        if (handledFs == 0 && handledNet == 0) return null;
        var paths = new List<(string, ulong)>();
        foreach (var rule in config.Rules?.PathBeneath ?? [])
        {
            ulong access = Mask(rule.AllowedAccess, false, abi) & handledFs;
            if (access != 0) paths.AddRange((rule.Paths ?? []).Select(p => (p, access)));
        }
        var ports = new List<(ulong, ulong)>();
        foreach (var rule in config.Rules?.NetPort ?? [])
        {
            ulong access = Mask(rule.AllowedAccess, true, abi) & handledNet;
            if (access != 0) ports.AddRange((rule.Ports ?? []).Select(p => ((ulong)p, access)));
        }
        return new LandlockPolicy(handledFs, handledNet, paths, ports);
    }

    /// <summary>With disableBestEffort: one error per right the ABI lacks (or for the whole field without Landlock).</summary>
    public static IReadOnlyList<ConfigError> AbiRefusals(Config.Landlock config, int abi, string path)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.DisableBestEffort != true) return [];
        if (abi < 1) return [new ConfigError(path, "Landlock is not available in this kernel (disableBestEffort is set)")];
        return Missing(config, abi, path)
            .Select(m => new ConfigError(m.Path, $"{LibContainer.Config.Validation.Validator.Q(m.Access.Name)} needs Landlock ABI {m.Access.Abi}, this kernel has ABI {abi} (disableBestEffort is set)"))
            .ToList();
    }

    private static IEnumerable<(string Path, LandlockAccess Access)> Missing(Config.Landlock config, int abi, string path)
    {
        IEnumerable<(string, LandlockAccess)> Of(List<string>? names, bool network, string at) =>
            (names ?? []).Select((n, i) => (Path: $"{at}[{i}]", Access: LandlockAccess.Find(n, network)))
                .Where(x => x.Access is { } a && a.Abi > abi).Select(x => (x.Path, x.Access!));
        var all = Of(config.Ruleset?.HandledAccessFS, false, $"{path}.ruleset.handledAccessFS")
            .Concat(Of(config.Ruleset?.HandledAccessNetwork, true, $"{path}.ruleset.handledAccessNetwork"));
        var rules = config.Rules;
        for (int i = 0; i < (rules?.PathBeneath?.Count ?? 0); i++)
            all = all.Concat(Of(rules!.PathBeneath![i].AllowedAccess, false, $"{path}.rules.pathBeneath[{i}].allowedAccess"));
        for (int i = 0; i < (rules?.NetPort?.Count ?? 0); i++)
            all = all.Concat(Of(rules!.NetPort![i].AllowedAccess, true, $"{path}.rules.netPort[{i}].allowedAccess"));
        return all;
    }

    private static ulong Mask(List<string>? names, bool network, int abi) =>
        (names ?? []).Select(n => LandlockAccess.Find(n, network)).Where(a => a is not null && a.Abi <= abi)
            .Aggregate(0UL, (m, a) => m | a!.Mask);
}
