using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>What this host cannot do is refused at `create` (or `exec`) with the JSON path and the reason, leaving
/// nothing behind; the seed's 2015 container.json keeps running with a warning for its labels.</summary>
[Trait("Category", "Integration")]
public sealed class RefusalIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private void AssertRefused(Spec spec, string path, string reason)
    {
        var r = _h.Nsi("create", "--bundle", _h.Bundle(spec), NsinitHarness.NewId());
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains(path, r.Stderr);
        Assert.Contains(reason, r.Stderr);
        Assert.Empty(Directory.GetDirectories(_h.Root));
    }

    [Fact]
    public void IntelRdt_Is_Refused()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Linux!.IntelRdt = new IntelRdt { ClosId = "guaranteed_group", L3CacheSchema = "L3:0=7f0" };
        AssertRefused(spec, "linux.intelRdt", "Intel RDT");
    }

    [Fact]
    public void Labels_This_Kernel_Cannot_Apply_Are_Refused_For_An_Oci_Config()
    {
        if (HostFacts.Current.Selinux || HostFacts.Current.AppArmor) return; // this host has an LSM: they apply
        var spec = _h.DefaultSpec("/bin/true");
        spec.Linux!.MountLabel = "system_u:object_r:container_file_t:s0";
        AssertRefused(spec, "linux.mountLabel", "SELinux");
        spec = _h.DefaultSpec("/bin/true");
        spec.Process!.ApparmorProfile = "docker-default";
        AssertRefused(spec, "process.apparmorProfile", "AppArmor is not enabled");
        spec = _h.DefaultSpec("/bin/true");
        spec.Process!.SelinuxLabel = "system_u:system_r:container_t:s0";
        AssertRefused(spec, "process.selinuxLabel", "SELinux is not enabled");
    }

    [Fact]
    public void Exec_Label_Flags_Are_Refused_When_They_Cannot_Apply()
    {
        if (HostFacts.Current.Selinux || HostFacts.Current.AppArmor) return;
        string id = NsinitHarness.NewId();
        var r = _h.Nsi("run", "--detach", "--bundle", _h.Bundle(_h.DefaultSpec("/bin/sleep", "60")), id);
        Assert.True(r.ExitCode == 0, r.ToString());
        r = _h.Nsi("exec", "--apparmor", "docker-default", id, "/bin/true");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("process.apparmorProfile", r.Stderr);
        r = _h.Nsi("exec", "--process-label", "system_u:system_r:container_t:s0", id, "/bin/true");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("process.selinuxLabel", r.Stderr);
    }

    [Fact]
    public void Seed_Sample_With_An_Apparmor_Profile_Runs_With_A_Warning()
    {
        if (HostFacts.Current.AppArmor) return;
        var dir = _h.TempDir("nsinit-seed-");
        var cp = NsinitHarness.RunProcess("/bin/cp", new[] { "-a", _h.Rootfs + "/.", dir });
        Assert.True(cp.ExitCode == 0, cp.ToString());
        File.Copy(Path.Combine(AppContext.BaseDirectory, "sample_configs", "seed", "apparmor.json"), Path.Combine(dir, "container.json"));
        var r = NsinitHarness.RunProcess("/bin/sh", new[] { "-c", $"cd {dir} && exec {_h.Nsinit} --root {_h.Root} exec sh -c 'echo seed-ran'" });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("seed-ran", r.Stdout);
        Assert.Contains("apparmor profile \"docker-default\" not applied", r.Stderr);
    }
}
