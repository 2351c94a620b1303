using System.Reflection;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.Rootfs;
using LibContainer.Runtime.Launch;
using LibContainer.Security;
using LibContainer.Security.Seccomp;
using LibContainer.Tests.Runtime;
using Xunit;

namespace LibContainer.Tests.Seccomp;

/// <summary>`nsinit features` and `--version` tell only what the code applies (they run the published nsinit).</summary>
[Trait("Category", "Integration")]
public sealed class FeaturesTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private JsonElement Features()
    {
        var r = _h.Nsi("features");
        Assert.True(r.ExitCode == 0, r.ToString());
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    private static List<string> Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToList();

    [Fact]
    public void Features_Has_The_Runtime_Spec_Shape()
    {
        var f = Features();
        Assert.Equal("1.0.0", f.GetProperty("ociVersionMin").GetString());
        Assert.Equal(Spec.Version, f.GetProperty("ociVersionMax").GetString());
        var linux = f.GetProperty("linux");
        foreach (var key in new[] { "v1", "v2", "systemd", "systemdUser", "rdma" })
            Assert.True(linux.GetProperty("cgroup").GetProperty(key).ValueKind is JsonValueKind.True or JsonValueKind.False, key);
        foreach (var key in new[] { "apparmor", "selinux", "intelRdt" })
            Assert.True(linux.GetProperty(key).GetProperty("enabled").ValueKind is JsonValueKind.True or JsonValueKind.False);
        Assert.True(linux.GetProperty("mountExtensions").GetProperty("idmap").TryGetProperty("enabled", out _));
        Assert.Equal(JsonValueKind.Object, f.GetProperty("annotations").ValueKind);
    }

    [Fact]
    public void Every_Listed_Hook_Namespace_Capability_And_Mount_Option_Is_Handled()
    {
        var f = Features();
        // hooks: exactly the phases of the model, each of which the runtime runs
        var modelPhases = typeof(Hooks).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(List<Hook>)).Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);
        Assert.Equal(modelPhases.Order(), Strings(f.GetProperty("hooks")).Order());

        var linux = f.GetProperty("linux");
        foreach (var ns in Strings(linux.GetProperty("namespaces")))
            Assert.NotEqual(0UL, Namespaces.Flag(ns));
        foreach (var cap in Strings(linux.GetProperty("capabilities")))
        {
            Assert.True(Capabilities.TryParse(cap, out _), cap);
            Assert.Contains(cap, OciNames.Capabilities); // and the validator accepts it
        }
        // "defaults" and "notmpcopyup" ask for what happens anyway; every other listed option changes the mount.
        foreach (var option in Strings(f.GetProperty("mountOptions")).Where(o => o is not ("defaults" or "notmpcopyup")))
        {
            string type = MountOptions.Refusal(option, bind: true, "bind") is null ? "bind" : "tmpfs";
            Assert.Null(MountOptions.Refusal(option, type == "bind", type));
            var p = MountOptions.Parse(type, [option]);
            Assert.True(p.Flags != 0 || p.ClearedFlags != 0 || p.Propagation != 0 || p.Bind || p.HasAttributes
                || p.Idmap != IdmapMode.None || p.TmpCopyUp || p.SourceNoFollow || p.DestinationNoFollow, $"{option} has no effect");
            Assert.Equal("", p.Data);
        }
    }

    [Fact]
    public void Every_Listed_Seccomp_Term_Compiles_Into_A_Filter()
    {
        var sc = Features().GetProperty("linux").GetProperty("seccomp");
        Assert.True(sc.GetProperty("enabled").GetBoolean());
        var actions = Strings(sc.GetProperty("actions"));
        var operators = Strings(sc.GetProperty("operators"));
        var flags = Strings(sc.GetProperty("supportedFlags"));
        Assert.Subset(Strings(sc.GetProperty("knownFlags")).ToHashSet(), flags.ToHashSet());
        Assert.Equal(OciNames.SeccompActions.Order(), actions.Order()); // the validator accepts exactly these
        var profile = new LinuxSeccomp
        {
            DefaultAction = "SCMP_ACT_ERRNO", Architectures = Strings(sc.GetProperty("archs")), Flags = flags,
            ListenerPath = "/run/unused.sock",
            Syscalls = actions.Where(a => a != "SCMP_ACT_ERRNO").Select((a, i) => new LinuxSyscall { Names = [new[] { "read", "write", "open", "close", "stat", "fstat", "lstat", "poll", "lseek" }[i]], Action = a })
                .Concat(operators.Select(o => new LinuxSyscall { Names = ["personality"], Action = "SCMP_ACT_ALLOW", Args = [new() { Index = 0, Value = 8, ValueTwo = 8, Op = o }] }))
                .ToList(),
        };
        var compiled = SeccompCompiler.Compile(profile);
        Assert.Empty(compiled.Skipped);
        Assert.NotEmpty(compiled.Instructions);
    }

    [Fact]
    public void Every_Listed_Landlock_Right_Is_Applied_Without_Being_Dropped()
    {
        var ll = Features().GetProperty("linux").GetProperty("landlock");
        int abi = ll.GetProperty("abi").GetInt32();
        Assert.True(ll.GetProperty("enabled").GetBoolean()); // this kernel has Landlock
        var fs = Strings(ll.GetProperty("handledAccessFS"));
        var net = Strings(ll.GetProperty("handledAccessNetwork"));
        var config = new Landlock
        {
            Ruleset = new LandlockRuleset { HandledAccessFS = fs, HandledAccessNetwork = net },
            Rules = new LandlockRules { PathBeneath = [new LandlockPathBeneath { AllowedAccess = fs, Paths = ["/"] }] },
            DisableBestEffort = true,
        };
        Assert.DoesNotContain(ConfigValidator.Validate(new Spec { Process = new Process { Args = ["sh"], Landlock = config } }),
            e => e.Path.StartsWith("process.landlock", StringComparison.Ordinal));
        Assert.Empty(LibContainer.Security.Landlock.LandlockPolicy.AbiRefusals(config, abi, "process.landlock"));
        var warnings = new List<string>();
        var policy = LibContainer.Security.Landlock.LandlockPolicy.Compile(config, abi, "process.landlock", warnings)!;
        Assert.Empty(warnings);
        Assert.Equal(fs.Count, System.Numerics.BitOperations.PopCount(policy.HandledFs));
        Assert.Equal(net.Count, System.Numerics.BitOperations.PopCount(policy.HandledNet));
    }

    [Fact]
    public void Version_Names_The_Libseccomp_In_Use()
    {
        var r = _h.Nsi("--version");
        Assert.Matches(@"\nseccomp: libseccomp \d+\.\d+\.\d+\n", r.Stdout);
    }
}
