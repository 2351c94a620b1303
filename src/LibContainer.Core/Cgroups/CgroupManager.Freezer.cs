namespace LibContainer.Cgroups;

// pause/resume: v1 freezer.state (FROZEN/THAWED) or v2 cgroup.freeze + cgroup.events "frozen", waited on.
internal sealed partial class CgroupManager
{
    private static readonly TimeSpan FreezeTimeout = TimeSpan.FromSeconds(5);

    private string? V1FreezerDir => V1Dir("freezer");

    private bool HasFreezer =>
        (V1FreezerDir is { } v1 && File.Exists(System.IO.Path.Combine(v1, "freezer.state"))) ||
        (UnifiedDir is { } v2 && File.Exists(System.IO.Path.Combine(v2, "cgroup.freeze")));

    public bool IsFrozen
    {
        get
        {
            if (V1FreezerDir is { } v1 && Directory.Exists(v1))
                return CgroupFile.TryReadLine(System.IO.Path.Combine(v1, "freezer.state")) == "FROZEN";
            if (UnifiedDir is { } v2 && Directory.Exists(v2))
                return CgroupFile.TryReadLine(System.IO.Path.Combine(v2, "cgroup.freeze")) == "1";
            return false;
        }
    }

    public void Freeze() => SetFrozen(true);

    public void Thaw() => SetFrozen(false);

    private void SetFrozen(bool frozen)
    {
        if (V1FreezerDir is { } v1)
        {
            var file = System.IO.Path.Combine(v1, "freezer.state");
            var want = frozen ? "FROZEN" : "THAWED";
            WaitUntil(() =>
            {
                // Re-writing is what gets a v1 cgroup out of a stuck FREEZING (a task was forking).
                CgroupFile.Write(file, want);
                return CgroupFile.TryReadLine(file) == want;
            }, $"freezer.state of {v1} to become {want}", rollback: frozen ? () => CgroupFile.TryWrite(file, "THAWED") : null);
            return;
        }
        if (UnifiedDir is { } v2)
        {
            var file = System.IO.Path.Combine(v2, "cgroup.freeze");
            if (!File.Exists(file))
                throw new ContainerException(ContainerErrorKind.SystemError,
                    $"cannot {(frozen ? "pause" : "resume")}: {file} does not exist (cgroup v2 freezer needs Linux 5.2+)", ContainerId);
            CgroupFile.Write(file, frozen ? "1" : "0");
            var events = System.IO.Path.Combine(v2, "cgroup.events");
            WaitUntil(() => CgroupFile.ReadKeyValues(events).GetValueOrDefault("frozen") == (frozen ? 1UL : 0UL),
                $"{events} to say \"frozen {(frozen ? 1 : 0)}\"", rollback: frozen ? () => CgroupFile.TryWrite(file, "0") : null);
            return;
        }
        throw new ContainerException(ContainerErrorKind.SystemError,
            "cannot pause or resume: no freezer (no v1 freezer hierarchy and no cgroup2 mount)", ContainerId);
    }

    private void WaitUntil(Func<bool> reached, string what, Action? rollback)
    {
        var deadline = DateTime.UtcNow + FreezeTimeout;
        int sleepMs = 1;
        while (!reached())
        {
            if (DateTime.UtcNow > deadline)
            {
                rollback?.Invoke();
                throw new ContainerException(ContainerErrorKind.SystemError,
                    $"timed out after {FreezeTimeout.TotalSeconds:0} s waiting for {what}", ContainerId);
            }
            Thread.Sleep(sleepMs);
            sleepMs = Math.Min(sleepMs * 2, 20);
        }
    }
}
