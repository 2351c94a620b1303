using LibContainer.Security;
using Xunit;

namespace LibContainer.Tests.Security;

public sealed class LabelsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lc-lsm-").FullName;
    private string Sys => Path.Combine(_root, "sys");
    private string Proc => Path.Combine(_root, "proc");
    private LsmPaths Paths => new(Sys, Proc);

    public LabelsTests()
    {
        Directory.CreateDirectory(Sys);
        Directory.CreateDirectory(Path.Combine(Proc, "attr"));
        File.WriteAllText(Path.Combine(Proc, "attr/exec"), "");
    }

    public void Dispose() => Directory.Delete(_root, true);

    private void EnableAppArmor(bool perLsmDir)
    {
        Directory.CreateDirectory(Path.Combine(Sys, "kernel/security/apparmor"));
        Directory.CreateDirectory(Path.Combine(Sys, "module/apparmor/parameters"));
        File.WriteAllText(Path.Combine(Sys, "module/apparmor/parameters/enabled"), "Y\n");
        if (perLsmDir)
        {
            Directory.CreateDirectory(Path.Combine(Proc, "attr/apparmor"));
            File.WriteAllText(Path.Combine(Proc, "attr/apparmor/exec"), "");
        }
    }

    private void EnableSelinux()
    {
        Directory.CreateDirectory(Path.Combine(Sys, "fs/selinux"));
        File.WriteAllText(Path.Combine(Sys, "fs/selinux/enforce"), "1");
    }

    [Fact]
    public void Nothing_requested_is_nothing_to_say()
    {
        Assert.Null(Labels.PrepareExecLabel(null, null, Paths));
        Assert.Null(Labels.PrepareExecLabel("", "", Paths));
    }

    [Fact]
    public void AppArmor_missing_degrades_with_a_warning()
    {
        Assert.Equal("apparmor profile \"docker-default\" not applied: AppArmor is not enabled in this kernel",
            Labels.PrepareExecLabel("docker-default", null, Paths));
        Assert.Null(Labels.PrepareExecLabel("unconfined", null, Paths));
        Assert.Equal("", File.ReadAllText(Path.Combine(Proc, "attr/exec")));
    }

    [Fact]
    public void AppArmor_module_disabled_counts_as_missing()
    {
        EnableAppArmor(true);
        File.WriteAllText(Path.Combine(Sys, "module/apparmor/parameters/enabled"), "N\n");
        Assert.False(Labels.AppArmorEnabled(Paths));
        Assert.NotNull(Labels.PrepareExecLabel("p", null, Paths));
    }

    [Fact]
    public void AppArmor_writes_exec_profile_to_the_per_lsm_file()
    {
        EnableAppArmor(true);
        Assert.Null(Labels.PrepareExecLabel("docker-default", null, Paths));
        Assert.Equal("exec docker-default", File.ReadAllText(Path.Combine(Proc, "attr/apparmor/exec")));
        Assert.Equal("", File.ReadAllText(Path.Combine(Proc, "attr/exec")));
    }

    [Fact]
    public void AppArmor_falls_back_to_attr_exec_on_old_kernels()
    {
        EnableAppArmor(false);
        Assert.Null(Labels.PrepareExecLabel("myprofile", null, Paths));
        Assert.Equal("exec myprofile", File.ReadAllText(Path.Combine(Proc, "attr/exec")));
    }

    [Fact]
    public void Selinux_missing_degrades_and_both_warnings_are_kept()
    {
        const string label = "system_u:system_r:svirt_lxc_net_t:s0:c164,c475";
        Assert.Equal($"selinux label \"{label}\" not applied: SELinux is not enabled in this kernel",
            Labels.PrepareExecLabel(null, label, Paths));
        var both = Labels.PrepareExecLabel("docker-default", label, Paths)!;
        Assert.Contains("apparmor profile", both);
        Assert.Contains("selinux label", both);
        Assert.Null(Labels.MountLabelOption(label, Paths));
    }

    [Fact]
    public void Selinux_writes_the_label_and_gives_a_mount_option()
    {
        EnableSelinux();
        Assert.Null(Labels.PrepareExecLabel(null, "system_u:system_r:container_t:s0", Paths));
        Assert.Equal("system_u:system_r:container_t:s0", File.ReadAllText(Path.Combine(Proc, "attr/exec")));
        Assert.Equal("context=\"system_u:object_r:container_file_t:s0\"",
            Labels.MountLabelOption("system_u:object_r:container_file_t:s0", Paths));
        Assert.Null(Labels.MountLabelOption(null, Paths));
    }

    [Fact]
    public void Write_failure_names_the_path()
    {
        EnableSelinux();
        File.Delete(Path.Combine(Proc, "attr/exec"));
        Directory.Delete(Path.Combine(Proc, "attr"));
        var ex = Assert.Throws<SyscallException>(() => Labels.PrepareExecLabel(null, "x", Paths));
        Assert.Equal(Errno.ENOENT, ex.Errno);
        Assert.Contains("attr/exec", ex.Message);
    }

    // What this kernel offers: no AppArmor, SELinux not active (the test machine). The seed's apparmor.json and
    // selinux.json must still run, so the real default paths must degrade, not fail.
    [Fact]
    [Trait("Category", "Integration")]
    public void This_kernel_degrades_or_applies()
    {
        if (!Labels.AppArmorEnabled())
            Assert.Contains("AppArmor is not enabled", Labels.PrepareExecLabel("docker-default", null));
        if (!Labels.SelinuxEnabled())
        {
            Assert.Contains("SELinux is not enabled", Labels.PrepareExecLabel(null, "system_u:system_r:svirt_lxc_net_t:s0:c164,c475"));
            Assert.Null(Labels.MountLabelOption("system_u:object_r:svirt_sandbox_file_t:s0"));
        }
    }
}
