namespace LibContainer.Config.Validation;

/// <summary>process: args, cwd, env, user, capabilities, rlimits, scheduling knobs.</summary>
internal static class ProcessRules
{
    public static void Check(Validator v)
    {
        if (v.Spec.Process is not { } process) return;
        const string p = "process";

        if (process.Args is null || process.Args.Count == 0)
        {
            if (v.Options.RequireProcessArgs) v.Error($"{p}.args", "must not be empty when process is present");
        }
        else
        {
            for (int i = 0; i < process.Args.Count; i++)
                if (process.Args[i] is null) v.Error($"{p}.args[{i}]", "must be a string, not null");
            if (process.Args[0] is "") v.Error($"{p}.args[0]", "\"\" is not a command");
        }

        v.Absolute($"{p}.cwd", process.Cwd);
        v.KeyValues($"{p}.env", process.Env);

        if (process.User is { Umask: uint umask } && umask > 0x1FF)
            v.Error($"{p}.user.umask", $"{umask} is not a file mode creation mask (0..511, i.e. 0777)");

        if (process.Capabilities is { } caps)
        {
            Caps(v, $"{p}.capabilities.bounding", caps.Bounding);
            Caps(v, $"{p}.capabilities.effective", caps.Effective);
            Caps(v, $"{p}.capabilities.inheritable", caps.Inheritable);
            Caps(v, $"{p}.capabilities.permitted", caps.Permitted);
            Caps(v, $"{p}.capabilities.ambient", caps.Ambient);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        v.Each(process.Rlimits, $"{p}.rlimits", (r, rp) =>
        {
            if (r.Type is null || !OciNames.Rlimits.Contains(r.Type))
                v.Error($"{rp}.type", $"{Validator.Q(r.Type)} is not an rlimit type (expected one of: {string.Join(", ", OciNames.Rlimits)})");
            else if (!seen.Add(r.Type))
                v.Error($"{rp}.type", $"{Validator.Q(r.Type)} is set more than once");
            if (r.Soft > r.Hard) v.Error($"{rp}.soft", $"soft limit {r.Soft} is greater than hard limit {r.Hard}");
        });

        if (process.OomScoreAdj is int oom) v.InRange($"{p}.oomScoreAdj", oom, -1000, 1000);

        if (process.Scheduler is { } s)
        {
            v.OneOf($"{p}.scheduler.policy", s.Policy, OciNames.SchedulerPolicies, "a scheduling policy");
            if (s.Nice is int nice) v.InRange($"{p}.scheduler.nice", nice, -20, 19);
            if (s.Priority is int prio) v.InRange($"{p}.scheduler.priority", prio, 0, 99);
        }

        if (process.IoPriority is { } io)
        {
            v.OneOf($"{p}.ioPriority.class", io.Class, OciNames.IoPriorityClasses, "an I/O priority class");
            v.InRange($"{p}.ioPriority.priority", io.Priority, 0, 7);
        }

        if (process.ExecCPUAffinity is { } aff)
        {
            CpuList(v, $"{p}.execCPUAffinity.initial", aff.Initial);
            CpuList(v, $"{p}.execCPUAffinity.final", aff.Final);
        }

        if (process.Landlock is { } landlock) LandlockRules.Check(v, landlock, $"{p}.landlock");
    }

    internal static void CpuList(Validator v, string path, string? list)
    {
        if (list is not null && !ListSyntax.IsCpuList(list))
            v.Error(path, $"{Validator.Q(list)} is not a CPU list (expected e.g. \"0-3,5\")");
    }

    static void Caps(Validator v, string path, List<string>? names)
    {
        if (names is null) return;
        for (int i = 0; i < names.Count; i++)
        {
            string? name = names[i];
            if (name is not null && OciNames.Capabilities.Contains(name)) continue;
            if (name is not null && OciNames.Capabilities.Contains("CAP_" + name.ToUpperInvariant()))
                v.Error($"{path}[{i}]", $"{Validator.Q(name)} is not a capability name (use \"CAP_{name.ToUpperInvariant()}\")");
            else
                v.Error($"{path}[{i}]", $"{Validator.Q(name)} is not a capability (expected CAP_ and one of the 41 Linux capabilities, e.g. CAP_CHOWN)");
        }
    }
}
