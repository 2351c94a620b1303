using System.Runtime.CompilerServices;
using LibContainer.Cgroups;

namespace LibContainer.Tests;

/// <summary>The test machine's policy, set before any test runs (and inherited by every nsinit the tests start).</summary>
internal static class HostPolicy
{
    /// <summary>The cgroup the test machine's own supervisor lives in: never created, joined or written by a test.</summary>
    public const string SupervisorCgroup = "process_api";

    [ModuleInitializer]
    internal static void Apply()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(CgroupPlacement.DenyListVariable)))
            Environment.SetEnvironmentVariable(CgroupPlacement.DenyListVariable, SupervisorCgroup);
    }
}
