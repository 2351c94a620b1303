using System.Reflection;

namespace LibContainer.Cli.Commands;

/// <summary>`--version`, in runc's shape: version, commit, spec, and crun's line for the libseccomp in use.</summary>
public static class VersionCommand
{
    public static int Run()
    {
        string info = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = info.IndexOf('+');
        string version = plus < 0 ? info : info[..plus];
        string commit = plus < 0 ? "unknown" : info[(plus + 1)..];
        string seccomp = Security.Seccomp.LibSeccomp.Instance is { } lib ? $"seccomp: libseccomp {lib.VersionText}\n" : "";
        CliContext.Out($"nsinit version {version}\ncommit: {commit}\nspec: {Config.Spec.Version}\n{seccomp}");
        return 0;
    }
}
