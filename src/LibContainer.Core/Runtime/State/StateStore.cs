using System.Text.Json;
using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Runtime;

/// <summary>The state root: one directory per container holding state.json (the single source of truth, written
/// atomically) and, between create and start, the exec fifo. Every mutating command holds the directory's flock.</summary>
public sealed class StateStore
{
    /// <summary>Where state lives without --root: see <see cref="StateRoots"/> (root's /run/nsinit, a user's runtime dir).</summary>
    public static string DefaultRoot => StateRoots.Default;
    public const string StateFile = "state.json", ExecFifo = "exec.fifo";

    public StateStore(string? root = null) => Root = Path.GetFullPath(string.IsNullOrEmpty(root) ? DefaultRoot : root);

    public string Root { get; }

    public string DirOf(string id) => Path.Combine(Root, id);
    public string StatePath(string id) => Path.Combine(DirOf(id), StateFile);
    public string ExecFifoPath(string id) => Path.Combine(DirOf(id), ExecFifo);

    /// <summary>Container ids: [A-Za-z0-9][A-Za-z0-9_.-]* (at most 1024 characters).</summary>
    public static void ValidateId(string id)
    {
        bool ok = id.Length is > 0 and <= 1024 && char.IsAsciiLetterOrDigit(id[0])
            && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
        if (!ok) throw new ContainerException(ContainerErrorKind.InvalidId, $"invalid container id '{id}': must match [A-Za-z0-9][A-Za-z0-9_.-]*", id);
    }

    /// <summary>Makes the container's directory (the id must be new) and locks it.</summary>
    public StateLock CreateAndLock(string id)
    {
        ValidateId(id);
        try { Directory.CreateDirectory(Root); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw IoErrors.ToSyscall(e, "mkdir", Root); }
        unsafe
        {
            fixed (byte* p = RuntimeSys.Z(DirOf(id)))
            {
                if (LibC.mkdirat(LibC.AT_FDCWD, p, 0x1c0 /*0700*/) < 0)
                {
                    if (RuntimeSys.Errno == LibContainer.Errno.EEXIST)
                        throw new ContainerException(ContainerErrorKind.IdInUse, $"container with id {id} already exists", id);
                    throw SyscallException.FromLastError("mkdir", DirOf(id));
                }
            }
        }
        return StateLock.Take(DirOf(id));
    }

    /// <summary>Locks an existing container's directory (blocks while another command holds it).</summary>
    public StateLock Lock(string id)
    {
        ValidateId(id);
        if (!Directory.Exists(DirOf(id))) throw NotFound(id);
        return StateLock.Take(DirOf(id));
    }

    /// <summary>Locks a container's directory unless another command holds it (null then, or when it is gone).</summary>
    public StateLock? TryLock(string id)
    {
        ValidateId(id);
        return StateLock.TryTake(DirOf(id));
    }

    public ContainerStateRecord Load(string id)
    {
        ValidateId(id);
        string path = StatePath(id);
        byte[] json;
        try { json = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { throw NotFound(id); }
        catch (DirectoryNotFoundException) { throw NotFound(id); }
        try { return StateRecordJson.Deserialize(json); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new ContainerException(ContainerErrorKind.SystemError, $"{path}: {e.Message}", id);
        }
    }

    public ContainerStateRecord? TryLoad(string id)
    {
        try { return Load(id); }
        catch (ContainerException e) when (e.Kind == ContainerErrorKind.NotFound) { return null; }
    }

    /// <summary>Writes state.json atomically (temp file + rename), so readers never see half a file.</summary>
    public void Save(ContainerStateRecord record)
    {
        string path = StatePath(record.Id), tmp = path + ".tmp";
        File.WriteAllBytes(tmp, StateRecordJson.Serialize(record));
        File.Move(tmp, path, overwrite: true);
    }

    public IReadOnlyList<string> Ids()
    {
        if (!Directory.Exists(Root)) return Array.Empty<string>();
        return Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>()
            .Where(id => File.Exists(StatePath(id))).OrderBy(id => id, StringComparer.Ordinal).ToList();
    }

    public void Remove(string id)
    {
        try { Directory.Delete(DirOf(id), recursive: true); }
        catch (DirectoryNotFoundException) { }
    }

    public static ContainerException NotFound(string id)
        => new(ContainerErrorKind.NotFound, $"container {id} does not exist: not found", id);
}

/// <summary>flock on a container directory; released by Dispose (or when the holder exits).</summary>
public sealed class StateLock : IDisposable
{
    private StateLock(int fd) => Fd = fd;

    /// <summary>The lock's fd; a forked init must close it (see InitPlan.CloseInChild).</summary>
    public int Fd { get; private set; }

    internal static StateLock Take(string dir)
    {
        int fd = RuntimeSys.Open(dir, LibC.O_RDONLY | LibC.O_DIRECTORY);
        while (flock(fd, LOCK_EX) < 0)
        {
            if (RuntimeSys.Errno == LibContainer.Errno.EINTR) continue;
            var e = SyscallException.FromLastError("flock", dir);
            RuntimeSys.Close(fd);
            throw e;
        }
        return new StateLock(fd);
    }

    internal static StateLock? TryTake(string dir)
    {
        int fd;
        try { fd = RuntimeSys.Open(dir, LibC.O_RDONLY | LibC.O_DIRECTORY); }
        catch (SyscallException e) when (e.Errno == LibContainer.Errno.ENOENT) { return null; }
        while (flock(fd, LOCK_EX | LOCK_NB) < 0)
        {
            if (RuntimeSys.Errno == LibContainer.Errno.EINTR) continue;
            RuntimeSys.Close(fd);
            return null;
        }
        return new StateLock(fd);
    }

    public void Dispose()
    {
        if (Fd >= 0) RuntimeSys.Close(Fd);
        Fd = -1;
    }
}
