using System.Text.Json;
using LibContainer.Cgroups;
using LibContainer.Config;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>`nsinit check` on this host: what it reports, with the JSON paths, matches what `create` does with the
/// same config (refuses it, or runs it). Conditions the host may lack are made by the test: a capability dropped from
/// nsinit's bounding set (setpriv), the hugetlb v1 hierarchy unmounted in a private mount namespace (unshare),
/// a pids limit on the test's own parent cgroup.</summary>
[Trait("Category", "Integration")]
public sealed class CheckIntegrationTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>Runs nsinit (with the harness's --root) under a wrapper command, e.g. setpriv or unshare.</summary>
    private NsinitResult Under(string wrapper, params string[] args) =>
        NsinitHarness.RunProcess("/bin/sh", ["-c", wrapper + " \"$@\"", "sh", _h.Nsinit, "--root", _h.Root, .. args]);

    private static List<(string Path, string Problem, string Fix, string Severity)> Findings(NsinitResult r)
    {
        using var doc = JsonDocument.Parse(r.Stdout);
        return [.. doc.RootElement.EnumerateArray().Select(f => (f.GetProperty("path").GetString()!, f.GetProperty("problem").GetString()!,
            f.GetProperty("fix").GetString()!, f.GetProperty("severity").GetString()!))];
    }

    [Fact]
    public void A_Config_That_Runs_Passes_And_Runs()
    {
        string bundle = _h.Bundle(_h.DefaultSpec("/bin/true"));
        var text = _h.Nsi("check", "--bundle", bundle);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Equal("ok: this config runs on this host\n", text.Stdout);
        var json = _h.Nsi("check", "--bundle", bundle, "--format", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Empty(Findings(json));
        var run = _h.Nsi("run", "--bundle", bundle, NsinitHarness.NewId());
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void A_Capability_Outside_The_Bounding_Set_Is_Reported_With_Its_Path_And_Refused_By_Create_Alike()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Process!.Capabilities!.Bounding!.Add("CAP_SYS_NICE");
        int index = spec.Process.Capabilities.Bounding.Count - 1;
        string bundle = _h.Bundle(spec);
        const string drop = "setpriv --bounding-set -sys_nice";

        var r = Under(drop, "check", "--bundle", bundle, "--format", "json");
        Assert.True(r.ExitCode == 1, r.ToString());
        var f = Assert.Single(Findings(r));
        Assert.Equal($"process.capabilities.bounding[{index}]", f.Path);
        Assert.Equal("error", f.Severity);
        Assert.Contains("CAP_SYS_NICE is not in this host's capability bounding set", f.Problem);
        Assert.Contains("process.capabilities.bounding", f.Fix);

        var text = Under(drop, "check", "--bundle", bundle);
        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.StartsWith($"error: process.capabilities.bounding[{index}]: CAP_SYS_NICE", text.Stdout);

        var create = Under(drop, "create", "--bundle", bundle, NsinitHarness.NewId());
        Assert.True(create.ExitCode == 1, create.ToString());
        Assert.Contains($"process.capabilities.bounding[{index}]: CAP_SYS_NICE", create.Stderr);
        Assert.Empty(Directory.GetDirectories(_h.Root));

        // Without the wrapper the capability is there: the same config passes.
        Assert.Equal(0, _h.Nsi("check", "--bundle", bundle).ExitCode);
    }

    /// <summary>A page size this kernel lacks (2MB and 1GB are x86-64's; the one missing here, else 64KB).</summary>
    private static string MissingPageSize()
    {
        var have = Directory.Exists("/sys/kernel/mm/hugepages") ? Directory.GetDirectories("/sys/kernel/mm/hugepages").Select(Path.GetFileName).ToList() : [];
        return !have.Contains("hugepages-1048576kB") ? "1GB" : !have.Contains("hugepages-2048kB") ? "2MB" : "64KB";
    }

    private Spec HugetlbSpec()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Linux!.Resources ??= new LinuxResources();
        spec.Linux.Resources.HugepageLimits = [new LinuxHugepageLimit { PageSize = MissingPageSize(), Limit = 1 << 30 }];
        return spec;
    }

    // What check says owns hugetlb, read from the mount table the way the kernel shows it (v1 first, as create picks).
    private static string? HugetlbOwner(string mountinfo)
    {
        foreach (var line in mountinfo.Split('\n'))
        {
            var fields = line.Split(' ');
            int dash = Array.IndexOf(fields, "-");
            if (dash > 0 && fields[dash + 1] == "cgroup" && fields[dash + 3].Split(',').Contains("hugetlb")) return "cgroup v1 at " + fields[4];
        }
        var unified = CgroupHost.Current.Unified;
        return unified is not null && File.ReadAllText(Path.Combine(unified.MountPoint, "cgroup.controllers")).Split(' ', '\n').Contains("hugetlb")
            ? "cgroup2 at " + unified.MountPoint : null;
    }

    private void AssertHugetlbFinding(NsinitResult r, string? owner)
    {
        Assert.True(r.ExitCode == 1, r.ToString());
        var f = Assert.Single(Findings(r));
        Assert.Equal("error", f.Severity);
        if (owner is null)
        {
            Assert.Equal("linux.resources.hugepageLimits", f.Path);
            Assert.Contains("controller \"hugetlb\" is not available", f.Problem);
        }
        else
        {
            Assert.Equal("linux.resources.hugepageLimits[0].pageSize", f.Path);
            Assert.Contains($"hugetlb controller: {owner}", f.Problem);
        }
    }

    [Fact]
    public void Hugetlb_Is_Reported_Where_This_Host_Has_It()
    {
        string bundle = _h.Bundle(HugetlbSpec());
        var r = _h.Nsi("check", "--bundle", bundle, "--format", "json");
        AssertHugetlbFinding(r, HugetlbOwner(File.ReadAllText("/proc/self/mountinfo")));
        var create = _h.Nsi("create", "--bundle", bundle, NsinitHarness.NewId());
        Assert.True(create.ExitCode == 1, create.ToString());
        Assert.Contains(Findings(r)[0].Path, create.Stderr);
        Assert.Empty(Directory.GetDirectories(_h.Root));
    }

    [Fact]
    public void Hugetlb_Without_Its_V1_Hierarchy_Is_Reported_As_Cgroup2_Or_Missing()
    {
        var v1 = CgroupHost.Current.V1For("hugetlb");
        if (v1 is null) return; // the other state is the host's own: the test above covers it
        string bundle = _h.Bundle(HugetlbSpec());
        // A private mount namespace without the v1 hugetlb mount: the host's mounts are untouched.
        var r = Under($"unshare -m --propagation private sh -c 'umount {v1.MountPoint} && exec \"$0\" \"$@\"'", "check", "--bundle", bundle, "--format", "json");
        string mountinfo = File.ReadAllText("/proc/self/mountinfo").Replace(" " + v1.MountPoint + " ", " /gone ");
        var owner = HugetlbOwner(string.Join('\n', mountinfo.Split('\n').Where(l => !l.Contains(" /gone "))));
        AssertHugetlbFinding(r, owner);
    }

    [Fact]
    public void A_Pids_Limit_Above_The_Parent_Cgroups_Is_A_Warning_And_Runs()
    {
        var pids = CgroupHost.Current.V1For("pids");
        if (pids is null) return; // v2: the parent's pids.max needs the controller enabled above it
        string parent = pids.MountPoint + _h.CgroupParent;
        Directory.CreateDirectory(parent);
        File.WriteAllText(Path.Combine(parent, "pids.max"), "20");
        var spec = _h.DefaultSpec("/bin/true");
        spec.Linux!.Resources ??= new LinuxResources();
        spec.Linux.Resources.Pids = new LinuxPids { Limit = 100 };
        string bundle = _h.Bundle(spec);
        var r = _h.Nsi("check", "--bundle", bundle, "--format", "json");
        Assert.True(r.ExitCode == 0, r.ToString());
        var f = Assert.Single(Findings(r));
        Assert.Equal(("linux.resources.pids.limit", "warning"), (f.Path, f.Severity));
        Assert.Contains($"above the parent cgroup's limit 20 ({parent})", f.Problem);
        Assert.Equal(0, _h.Run(spec).ExitCode);
    }

    [Fact]
    public void A_Source_That_Cannot_Be_Idmapped_Is_Reported_At_Its_Mount()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Mounts!.Add(new Mount
        {
            Destination = "/mnt", Type = "bind", Source = "/proc/sys", Options = ["rbind", "ro"],
            UidMappings = [new IdMapping { ContainerId = 0, HostId = 100000, Size = 65536 }],
            GidMappings = [new IdMapping { ContainerId = 0, HostId = 100000, Size = 65536 }],
        });
        string path = $"mounts[{spec.Mounts.Count - 1}]";
        string bundle = _h.Bundle(spec);
        var r = _h.Nsi("check", "--bundle", bundle, "--format", "json");
        Assert.True(r.ExitCode == 1, r.ToString());
        var f = Assert.Single(Findings(r));
        Assert.Equal(path, f.Path);
        Assert.Contains("'/proc/sys' cannot be idmapped here", f.Problem);
        var create = _h.Nsi("create", "--bundle", bundle, NsinitHarness.NewId());
        Assert.True(create.ExitCode == 1, create.ToString());
        Assert.Contains($"{path}: '/proc/sys' cannot be idmapped here", create.Stderr);
    }

    [Fact]
    public void A_User_Namespace_Where_Their_Limit_Is_Zero_Is_Reported()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "user" });
        spec.Linux.UidMappings = [new IdMapping { ContainerId = 0, HostId = 100000, Size = 65536 }];
        spec.Linux.GidMappings = [new IdMapping { ContainerId = 0, HostId = 100000, Size = 65536 }];
        string path = $"linux.namespaces[{spec.Linux.Namespaces.Count - 1}]";
        string bundle = _h.Bundle(spec);
        Assert.DoesNotContain(path, _h.Nsi("check", "--bundle", bundle).Stdout);
        // The limits are per user namespace: set to 0 in a private one, the host's stays as it is.
        var r = Under("unshare -U -r sh -c 'echo 0 > /proc/sys/user/max_user_namespaces && exec \"$0\" \"$@\"'", "check", "--bundle", bundle, "--format", "json");
        Assert.True(r.ExitCode == 1, r.ToString());
        var f = Assert.Single(Findings(r), f => f.Path == path);
        Assert.Contains("user namespaces are disabled on this host (/proc/sys/user/max_user_namespaces is 0)", f.Problem);
        Assert.Contains("sysctl -w user.max_user_namespaces=", f.Fix);
    }

    [Fact]
    public void An_Invalid_Config_Is_Listed_Like_The_Rest()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Process!.Cwd = "relative";
        var r = _h.Nsi("check", "--bundle", _h.Bundle(spec), "--format", "json");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains(Findings(r), f => f.Path == "process.cwd" && f.Severity == "error");
    }
}
