using System.Text.Json;
using LibContainer.Runtime;
using LibContainer.Runtime.Launch;

namespace LibContainer.Cli.Commands;

/// <summary>The seed's `nsinit exec CMD...`, run in a directory holding container.json: starts a container with
/// that directory as rootfs (mirroring its state.json there) or, when that container runs, joins it.</summary>
public static class SeedCommand
{
    public const string SeedConfig = "container.json", SeedState = "state.json";

    /// <summary>Seed mode: container.json in the working directory and the first argument is not a container id.</summary>
    public static bool Applies(CliContext ctx, string[] args, int start)
    {
        if (!File.Exists(SeedConfig) || start >= args.Length) return false;
        string first = args[start];
        return first.StartsWith('-') ? first == "--" : !Directory.Exists(Path.Combine(ctx.Store.Root, first));
    }

    public static int Run(CliContext ctx, string[] args, int start)
    {
        var cmd = args.Skip(start).SkipWhile(a => a == "--").ToList();
        if (cmd.Count == 0) throw new UsageException("usage: nsinit exec CMD [ARGS...] (in a directory with container.json)");
        string dir = Directory.GetCurrentDirectory();
        string statePath = Path.Combine(dir, SeedState);
        if (File.Exists(statePath))
        {
            var running = StateRecordJson.Deserialize(File.ReadAllText(statePath));
            if (running is not null && ContainerStatusProbe.IsAlive(running.Pid, running.PidStartTime, "/proc"))
                return Join(ctx, running, cmd);
            File.Delete(statePath);
        }
        var spec = SpecSource.LoadBundle(dir);
        spec.Process ??= new Config.Process();
        spec.Process.Args = cmd;
        string id = IdFor(dir);
        var o = new CreateOptions { Id = id, Bundle = dir, Cgroups = ctx.Cgroups, Rootless = ctx.Rootless ?? RootlessLaunch.Default };
        try
        {
            return RunCommand.Execute(ctx, spec, o, detach: false,
                created: r => File.WriteAllBytes(statePath, StateRecordJson.Serialize(r)));
        }
        finally
        {
            File.Delete(statePath);
        }
    }

    private static int Join(CliContext ctx, ContainerStateRecord running, List<string> cmd)
    {
        var basis = running.Config.Process ?? new Config.Process();
        var process = ExecLauncher.BuildProcess(basis, cmd, null, Array.Empty<string>(), null, Array.Empty<string>(), basis.Terminal == true);
        var rest = new List<string> { "--process", WriteTemp(process) , running.Id };
        try { return ExecCommand.Run(ctx, rest.ToArray(), 0); }
        finally { File.Delete(rest[1]); }
    }

    private static string WriteTemp(Config.Process process)
    {
        return PrivateTempFile.Write("nsinit-seed", Config.Codec.SpecWriter.ToJson(process, Config.Codec.SpecWriter.Write, Config.Codec.SpecWriter.Indented));
    }

    /// <summary>A valid, stable id for a seed directory: its name plus a hash of its path.</summary>
    internal static string IdFor(string dir)
    {
        var name = new string(Path.GetFileName(dir.TrimEnd('/')).Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-').ToArray());
        uint hash = 2166136261;
        foreach (char c in dir) hash = (hash ^ c) * 16777619;
        return $"seed-{name}-{hash:x8}".Replace("--", "-");
    }
}
