using LibContainer.Interop;

namespace LibContainer.Runtime.Launch;

/// <summary>For tests of what a killed `create` leaves: with LIBCONTAINER_TEST_KILL_AT=POINT in its environment,
/// create SIGKILLs itself when it reaches the named point (state-dir, recorded, cgroup, cloned, pid-recorded, go,
/// ready, saved). Unset (always, outside tests) it does nothing.</summary>
internal static class TestKillPoint
{
    private static readonly string? Point = Environment.GetEnvironmentVariable("LIBCONTAINER_TEST_KILL_AT");

    public static void Hit(string name)
    {
        if (Point == name) LibC.kill(LibC.getpid(), LibC.SIGKILL);
    }
}
