namespace LibContainer.Runtime;

/// <summary>How a supervised container's init ended (`&lt;root&gt;/&lt;id&gt;/exit.json`, written by the supervisor that
/// `nsinit create --supervise` leaves behind). <see cref="ExitCode"/> is shell-style: the exit status, or 128+N when
/// signal N killed it.</summary>
public sealed record ContainerExitStatus
{
    /// <summary>Host pid the init had.</summary>
    public int Pid { get; init; }

    /// <summary>The exit status, or 128 + the signal number when a signal killed the init.</summary>
    public int ExitCode { get; init; }

    /// <summary>The signal that killed the init (null when it exited).</summary>
    public int? Signal { get; init; }

    /// <summary>The killing signal's name, e.g. SIGKILL (null when it exited).</summary>
    public string? SignalName => Signal is { } s ? Signals.Name(s) : null;

    /// <summary>True when the killing signal dumped core.</summary>
    public bool CoreDumped { get; init; }

    /// <summary>When the supervisor saw the init end (UTC).</summary>
    public DateTime FinishedAt { get; init; }

    /// <summary>From waitid's si_code/si_status (CLD_EXITED: exit status; CLD_KILLED/CLD_DUMPED: signal).</summary>
    public static ContainerExitStatus FromWait(int pid, int code, int status, DateTime finishedAt)
    {
        const int CLD_EXITED = 1, CLD_DUMPED = 3;
        return code == CLD_EXITED
            ? new ContainerExitStatus { Pid = pid, ExitCode = status, FinishedAt = finishedAt }
            : new ContainerExitStatus { Pid = pid, ExitCode = 128 + status, Signal = status, CoreDumped = code == CLD_DUMPED, FinishedAt = finishedAt };
    }

    public override string ToString() => Signal is null ? $"exited {ExitCode}" : $"killed by {SignalName} ({ExitCode})";
}
