using System.Globalization;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.Config.Codec;

namespace LibContainer.Runtime;

/// <summary>A live handle on one container, in the seed's shape (a factory creates and loads it); the snapshot that
/// Get-Container emits is <see cref="LibContainer.Container"/>. Reads are in-process (state.json); Start of a process
/// (which joins namespaces) runs nsinit.</summary>
public sealed class ContainerHandle
{
    private readonly ContainerFactory _factory;
    private ContainerStateRecord _record;

    internal ContainerHandle(ContainerFactory factory, ContainerStateRecord record)
    {
        _factory = factory;
        _record = record;
    }

    public string Id => _record.Id;
    public Spec Config => _record.Config;
    public string Bundle => _record.Bundle;
    public DateTime Created => _record.Created;
    /// <summary>The recorded init pid (0 once stopped).</summary>
    public int Pid => Status == ContainerState.Stopped ? 0 : _record.Pid;
    /// <summary>Live status: created, running, paused or stopped.</summary>
    public ContainerState Status => ContainerStatusProbe.Status(Refresh(), _factory.Store);
    /// <summary>The OCI state (what `nsinit state` prints).</summary>
    public ContainerStateJson State => _factory.Operations.State(Id);
    public ContainerStateRecord Record => Refresh();
    /// <summary>How init ended, once a supervised container (the factory's default) has stopped; null while it runs or
    /// when nothing recorded it.</summary>
    public ContainerExitStatus? ExitStatus => _factory.Store.ReadExitStatus(Id);

    private ContainerStateRecord Refresh() => _record = _factory.Store.TryLoad(Id) ?? _record;

    /// <summary>No process: starts a created container. With a process: runs it inside the running container
    /// (detached) and returns its host pid.</summary>
    public int Start(Process? process = null)
    {
        if (process is null)
        {
            _factory.Operations.Start(Id);
            return Pid;
        }
        // Mode 0700: the process spec carries its environment.
        string dir = Directory.CreateTempSubdirectory("nsinit-exec-").FullName;
        try
        {
            string file = Path.Combine(dir, "process.json"), pidFile = Path.Combine(dir, "pid");
            File.WriteAllText(file, SpecWriter.ToJson(process, SpecWriter.Write, SpecWriter.Indented));
            var args = _factory.GlobalArgs;
            args.AddRange(new[] { "exec", "--process", file, "--detach", "--pid-file", pidFile, Id });
            _factory.Nsinit.Run(args, id: Id, startsContainer: true);
            return int.Parse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Host pids of the container's processes.</summary>
    public IReadOnlyList<int> Processes() => _factory.Operations.Pids(Id);

    public void Signal(int signal, bool all = false) => _factory.Operations.Kill(Id, signal, all);

    public void Pause() => _factory.Operations.Pause(Id);
    public void Resume() => _factory.Operations.Resume(Id);

    /// <summary>Kills the container if needed and removes its cgroup, state and (factory-made) bundle.</summary>
    public void Destroy()
    {
        _factory.Operations.Delete(Id, force: true);
        string bundle = Path.Combine(_factory.Root, ".bundles", Id);
        if (Directory.Exists(bundle)) Directory.Delete(bundle, recursive: true);
    }

    public override string ToString() => Id;
}
