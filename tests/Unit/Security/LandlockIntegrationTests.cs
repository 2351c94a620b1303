using LibContainer.Config;
using LibContainer.Security.Seccomp;
using LibContainer.Tests.Runtime;
using Xunit;

namespace LibContainer.Tests.Security;

/// <summary>process.landlock on real containers, with the default seccomp profile and Docker's capabilities also on.</summary>
[Trait("Category", "Integration")]
public sealed class LandlockIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    // Read and run anything; write only beneath /tmp. /run is a writable tmpfs too: only Landlock stops writes there.
    private Spec Confined(params string[] args)
    {
        var spec = _h.DefaultSpec(args);
        spec.Linux!.Seccomp = DefaultSeccompProfile.Create();
        spec.Mounts!.Add(new Mount { Destination = "/tmp", Type = "tmpfs", Source = "tmpfs", Options = ["size=1m"] });
        spec.Mounts.Add(new Mount { Destination = "/run", Type = "tmpfs", Source = "tmpfs", Options = ["size=1m"] });
        spec.Process!.Landlock = new Landlock
        {
            Ruleset = new LandlockRuleset { HandledAccessFS = ["execute", "read_file", "read_dir", "write_file", "make_reg", "truncate"] },
            Rules = new LandlockRules
            {
                PathBeneath =
                [
                    new LandlockPathBeneath { AllowedAccess = ["execute", "read_file", "read_dir"], Paths = ["/"] },
                    new LandlockPathBeneath { AllowedAccess = ["read_file", "read_dir", "write_file", "make_reg", "truncate"], Paths = ["/tmp"] },
                ],
            },
            DisableBestEffort = true,
        };
        return spec;
    }

    private const string Probe = "echo in > /tmp/f && cat /tmp/f; echo out > /run/f && echo WROTE-RUN || echo DENIED-RUN";

    [Fact]
    public void A_Write_Outside_The_Allowed_Tree_Is_Denied_And_Inside_Works()
    {
        var r = _h.Run(Confined("/bin/sh", "-c", Probe));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("in\n", r.Stdout);
        Assert.Contains("DENIED-RUN", r.Stdout);
        Assert.Contains("Permission denied", r.Stderr);
        Assert.DoesNotContain("WROTE-RUN", r.Stdout);
    }

    [Fact]
    public void An_Execd_Process_Is_Confined_Too()
    {
        string id = NsinitHarness.NewId();
        var c = _h.Nsi("create", "--bundle", _h.Bundle(Confined("/bin/sleep", "600")), id);
        Assert.True(c.ExitCode == 0, c.ToString());
        Assert.True(_h.Nsi("start", id).ExitCode == 0);
        var e = _h.Nsi("exec", id, "/bin/sh", "-c", Probe);
        Assert.True(e.ExitCode == 0, e.ToString());
        Assert.Contains("in\n", e.Stdout);
        Assert.Contains("DENIED-RUN", e.Stdout);
    }

    [Fact]
    public void Without_No_New_Privileges_Or_Cap_Sys_Admin_Create_Refuses_With_The_Json_Path()
    {
        var spec = Confined("/bin/true");
        spec.Process!.NoNewPrivileges = false;
        string id = NsinitHarness.NewId();
        var c = _h.Nsi("create", "--bundle", _h.Bundle(spec), id);
        Assert.NotEqual(0, c.ExitCode);
        Assert.Contains("process.landlock", c.Stderr);
        Assert.Contains("noNewPrivileges", c.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_h.Root, id)), "a refused create left its state directory");
    }
}
