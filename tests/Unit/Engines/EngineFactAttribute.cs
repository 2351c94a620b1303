using Xunit;

namespace LibContainer.Tests.Engines;

/// <summary>The engine tier runs one class at a time (the engines share the machine's cgroup trees and /run).</summary>
[CollectionDefinition("Engines", DisableParallelization = true)]
public sealed class EnginesCollection : ICollectionFixture<EngineSandbox>;

/// <summary>A test of the engine tier: skipped unless running as root with the engine's programs installed
/// (setup.sh installs podman, containerd and docker.io).</summary>
public sealed class EngineFactAttribute : FactAttribute
{
    public EngineFactAttribute(params string[] programs)
    {
        if (Environment.UserName != "root") Skip = "the engine tier runs as root";
        else if (programs.FirstOrDefault(p => Which(p) is null) is { } missing)
            Skip = $"{missing} is not installed (setup.sh installs podman, containerd and docker.io)";
    }

    public static string? Which(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':')
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
