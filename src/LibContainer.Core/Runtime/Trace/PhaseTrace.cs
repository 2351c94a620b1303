using System.Globalization;
using System.Text;
using LibContainer.Interop;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Runtime.Trace;

/// <summary>Per-phase timestamps of one nsinit command (`--trace FILE` or NSINIT_TRACE=FILE), written as JSON lines
/// after the fact: the parent when its command ends, init and exec'd processes right before execve. Off, a mark is one
/// branch. Marks live in fixed arrays that a fork-style clone copies, so the child only writes what it marked itself.
/// Timestamps are CLOCK_REALTIME (a container's time namespace may offset the monotonic clocks).</summary>
public static class PhaseTrace
{
    private const int Capacity = 256;
    private static readonly string[] Phases = new string[Capacity];
    private static readonly long[] Ticks = new long[Capacity];
    private static int _count, _first;
    private static int _fd = -1;
    private static string _command = "", _process = "parent";

    public static bool Enabled => _fd >= 0;

    /// <summary>Opens FILE for appending (close-on-exec: it never reaches the container's program).</summary>
    public static void Start(string file, string command)
    {
        _fd = RuntimeSys.Open(file, LibC.O_WRONLY | LibC.O_APPEND | LibC.O_CREAT, 0x1a4 /*0644*/);
        _command = command;
        Mark("main");
    }

    /// <summary>The command's name, once the global flags are parsed.</summary>
    public static void SetCommand(string command) => _command = command;

    public static void Mark(string phase)
    {
        if (_fd < 0 || _count == Capacity) return;
        Phases[_count] = phase;
        Ticks[_count++] = DateTime.UtcNow.Ticks;
    }

    /// <summary>In a cloned child: what follows is this process's own (init, exec helper, exec'd process).</summary>
    public static void BeginProcess(string process)
    {
        if (_fd < 0) return;
        _process = process;
        _first = _count;
    }

    /// <summary>Writes this process's marks (one write(2), so concurrent processes' lines never interleave) and an
    /// "end" mark. Tracing never fails the container: a write error is dropped.</summary>
    public static void Flush()
    {
        if (_fd < 0) return;
        Mark("end");
        var text = new StringBuilder(128 * (_count - _first));
        int pid = LibC.getpid();
        for (int i = _first; i < _count; i++)
        {
            long us = (Ticks[i] - DateTime.UnixEpoch.Ticks) / 10;
            text.Append(CultureInfo.InvariantCulture,
                $"{{\"ts\":{us},\"pid\":{pid},\"command\":\"{_command}\",\"process\":\"{_process}\",\"phase\":\"{Phases[i]}\"}}\n");
        }
        _first = _count;
        try { RuntimeSys.WriteAll(_fd, Encoding.UTF8.GetBytes(text.ToString())); }
        catch (SyscallException) { }
    }
}
