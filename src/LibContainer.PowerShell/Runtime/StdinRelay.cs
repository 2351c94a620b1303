using Tmds.Linux;

namespace LibContainer.PowerShell.Runtime;

/// <summary>
/// -Interactive without -Tty: the container process reads a pipe this relay fills from PowerShell's standard input,
/// never the terminal itself, so it cannot switch the terminal to raw mode and swallow Ctrl+C (busybox's shell does),
/// and Ctrl+C stays a signal for PowerShell. The relay polls, so it stops reading the moment the process ends and the
/// next line typed belongs to PowerShell again.
/// </summary>
internal sealed unsafe class StdinRelay : IDisposable
{
    private readonly Stream _target;
    private readonly Thread _thread;
    private volatile bool _stop;

    public StdinRelay(Stream target)
    {
        _target = target;
        _thread = new Thread(Pump) { IsBackground = true, Name = "container-stdin" };
        _thread.Start();
    }

    private void Pump()
    {
        var buffer = new byte[4096];
        try
        {
            while (!_stop)
            {
                var fd = new pollfd { fd = 0, events = LibC.POLLIN };
                int ready = LibC.poll(&fd, 1, 100);
                if (ready <= 0 || _stop) continue;
                int n;
                fixed (byte* b = buffer) n = (int)LibC.read(0, b, buffer.Length);
                if (n <= 0) break; // end of input (Ctrl+D): the process sees end of file
                _target.Write(buffer, 0, n);
                _target.Flush();
            }
        }
        catch (IOException) { } // the process closed its stdin or ended
        finally
        {
            try { _target.Dispose(); } catch (IOException) { }
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(500);
    }
}
