using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Runtime.Launch;

/// <summary>OCI namespace types ↔ CLONE_NEW* flags and /proc/pid/ns names.</summary>
public static class Namespaces
{
    public static readonly IReadOnlyList<(string Type, ulong Flag, string ProcName)> All = new[]
    {
        ("user", CLONE_NEWUSER, "user"), ("mount", CLONE_NEWNS, "mnt"), ("pid", CLONE_NEWPID, "pid"),
        ("network", CLONE_NEWNET, "net"), ("ipc", CLONE_NEWIPC, "ipc"), ("uts", CLONE_NEWUTS, "uts"),
        ("cgroup", CLONE_NEWCGROUP, "cgroup"), ("time", CLONE_NEWTIME, "time"),
    };

    public static ulong Flag(string type)
    {
        foreach (var n in All) if (n.Type == type) return n.Flag;
        throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"unknown namespace type '{type}'");
    }

    public static string ProcName(string type)
    {
        foreach (var n in All) if (n.Type == type) return n.ProcName;
        throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"unknown namespace type '{type}'");
    }
}
