namespace LibContainer.PowerShell.Runtime;

/// <summary>
/// Serializes "is this name free? then create" across runspaces (ForEach-Object -Parallel, thread jobs) and
/// processes: an exclusive lock file in the state root, taken with retries.
/// </summary>
internal sealed class NameLock : IDisposable
{
    private readonly FileStream _stream;

    private NameLock(FileStream stream) => _stream = stream;

    public static NameLock Acquire(string stateRoot, CancellationToken cancel)
    {
        Directory.CreateDirectory(stateRoot);
        var path = Path.Combine(stateRoot, ".libcontainer-names.lock");
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix: a second holder fails at once, so retry.
                return new NameLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                if (cancel.WaitHandle.WaitOne(5)) cancel.ThrowIfCancellationRequested();
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
