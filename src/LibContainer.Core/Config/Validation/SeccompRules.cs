using System.Text.RegularExpressions;

namespace LibContainer.Config.Validation;

/// <summary>linux.seccomp: actions, operators, architectures, flags, syscall names and argument indexes.</summary>
internal static partial class SeccompRules
{
    const string S = "linux.seccomp";

    public static void Check(Validator v)
    {
        if (v.Spec.Linux?.Seccomp is not { } sc) return;
        bool notify = sc.DefaultAction == "SCMP_ACT_NOTIFY";
        v.OneOf($"{S}.defaultAction", sc.DefaultAction, OciNames.SeccompActions, "a seccomp action");
        if (sc.Architectures is { } arches)
            for (int i = 0; i < arches.Count; i++)
                v.OneOf($"{S}.architectures[{i}]", arches[i], OciNames.SeccompArchitectures, "a seccomp architecture");
        if (sc.Flags is { } flags)
            for (int i = 0; i < flags.Count; i++)
                v.OneOf($"{S}.flags[{i}]", flags[i], OciNames.SeccompFlags, "a seccomp filter flag");

        v.Each(sc.Syscalls, $"{S}.syscalls", (call, p) =>
        {
            if (call.Names is not { Count: > 0 }) v.Error($"{p}.names", "must list at least one syscall");
            else
                for (int i = 0; i < call.Names.Count; i++)
                    if (call.Names[i] is not { } name || !SyscallName().IsMatch(name))
                        v.Error($"{p}.names[{i}]", $"{Validator.Q(call.Names[i])} is not a syscall name");
            v.OneOf($"{p}.action", call.Action, OciNames.SeccompActions, "a seccomp action");
            notify |= call.Action == "SCMP_ACT_NOTIFY";
            v.Each(call.Args, $"{p}.args", (arg, ap) =>
            {
                if (arg.Index > 5) v.Error($"{ap}.index", $"{arg.Index} is out of range (0..5)");
                v.OneOf($"{ap}.op", arg.Op, OciNames.SeccompOperators, "a seccomp operator");
            });
        });

        if (notify && string.IsNullOrEmpty(sc.ListenerPath))
            v.Error($"{S}.listenerPath", "is required when an action is SCMP_ACT_NOTIFY");
        else if (!string.IsNullOrEmpty(sc.ListenerPath))
            v.Absolute($"{S}.listenerPath", sc.ListenerPath);
    }

    [GeneratedRegex(@"^[a-z_][a-z0-9_]*$")]
    private static partial Regex SyscallName();
}
