namespace LibContainer.Tests;

/// <summary>What names this test run's kernel objects, so that the sweep at the end of `build.ps1 -Test`
/// (tools/Sweep-TestLeftovers.ps1) finds what a failed test left, and never another run's.</summary>
internal static class TestRun
{
    /// <summary>LIBCONTAINER_TEST_TAG (build.ps1 sets a fresh one per run), else empty.</summary>
    public static string Tag { get; } = Environment.GetEnvironmentVariable("LIBCONTAINER_TEST_TAG") ?? "";

    /// <summary>The first path component of every test cgroup: /sys/fs/cgroup/*/nsinit-test-&lt;tag&gt;….</summary>
    public static string CgroupPrefix => "nsinit-test-" + Tag;

    /// <summary>A new cgroup directory name of this run at the hierarchy root.</summary>
    public static string NewCgroupName() => CgroupPrefix + Guid.NewGuid().ToString("N")[..12];
}
