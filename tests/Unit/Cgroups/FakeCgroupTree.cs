using LibContainer.Cgroups;

namespace LibContainer.Tests.Cgroups;

/// <summary>A temp directory shaped like a host's /proc/self and /sys/fs/cgroup (v1, v2 or hybrid), for driver unit tests.</summary>
internal sealed class FakeCgroupTree : IDisposable
{
    public const string HybridMountInfo =
        "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n" +
        "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n" +
        "33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct\n" +
        "34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset\n" +
        "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n" +
        "36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices\n" +
        "37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer\n" +
        "38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio\n" +
        "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n" +
        "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n" +
        "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

    public const string HybridProcCgroup =
        "9:name=systemd:/\n8:pids:/\n7:blkio:/\n6:freezer:/\n5:devices:/\n4:memory:/process_api/abce3e0d08a6a901025d8ddc1d523b70\n" +
        "3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n0::/\n";

    public const string V1MountInfo =
        "25 18 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755\n" +
        "26 25 0:23 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,xattr,release_agent=/lib/systemd/systemd-cgroups-agent,name=systemd\n" +
        "29 25 0:26 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,cpu,cpuacct\n" +
        "30 25 0:27 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,memory\n" +
        "31 25 0:28 / /sys/fs/cgroup/hugetlb rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,hugetlb\n" +
        "32 25 0:29 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,net_cls,net_prio\n" +
        "33 25 0:30 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:17 - cgroup cgroup rw,pids\n" +
        "34 25 0:31 / /sys/fs/cgroup/freezer rw,nosuid,nodev,noexec,relatime shared:18 - cgroup cgroup rw,freezer\n" +
        "35 25 0:32 / /sys/fs/cgroup/blkio rw,nosuid,nodev,noexec,relatime shared:19 - cgroup cgroup rw,blkio\n" +
        "36 25 0:33 / /sys/fs/cgroup/devices rw,nosuid,nodev,noexec,relatime shared:20 - cgroup cgroup rw,devices\n" +
        "37 25 0:34 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:21 - cgroup cgroup rw,cpuset\n";

    public const string V2MountInfo =
        "22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p1 rw\n" +
        "29 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n";

    public FakeCgroupTree(string mountInfo, string procCgroup, string? v2RootControllers = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "cgtree-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path.Combine(Root, "proc/self"));
        Directory.CreateDirectory(Path.Combine(Root, "proc/1"));
        Directory.CreateDirectory(Path.Combine(Root, "run"));
        File.WriteAllText(Path.Combine(Root, "proc/1/comm"), "init\n");
        File.WriteAllText(Path.Combine(Root, "proc/self/mountinfo"), mountInfo);
        File.WriteAllText(Path.Combine(Root, "proc/self/cgroup"), procCgroup);
        foreach (var line in mountInfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var m = CgroupHost.ParseMountInfoLine(line)!.Value;
            if (m.FsType is "cgroup" or "cgroup2") Directory.CreateDirectory(Sys(m.MountPoint));
            if (m.FsType == "cgroup2")
            {
                File.WriteAllText(Path.Combine(Sys(m.MountPoint), "cgroup.controllers"), (v2RootControllers ?? "") + "\n");
                File.WriteAllText(Path.Combine(Sys(m.MountPoint), "cgroup.subtree_control"), "\n");
            }
        }
    }

    public string Root { get; }

    public static FakeCgroupTree Hybrid() => new(HybridMountInfo, HybridProcCgroup, "hugetlb");
    public static FakeCgroupTree V1() => new(V1MountInfo, "1:name=systemd:/user.slice\n2:memory:/user.slice\n");
    public static FakeCgroupTree V2(string controllers = "cpuset cpu io memory hugetlb pids rdma misc") =>
        new(V2MountInfo, "0::/user.slice/user-0.slice/session-1.scope\n", controllers);

    public CgroupHost Detect() => CgroupHost.Detect(Path.Combine(Root, "proc"), Root, Path.Combine(Root, "run"));

    /// <summary>A host path (e.g. /sys/fs/cgroup/memory) inside the tree.</summary>
    public string Sys(string hostPath) => Path.Join(Root, hostPath);

    /// <summary>Makes a cgroup directory with the given files, as the kernel would show them.</summary>
    public string MakeCgroup(string hostDir, params (string Name, string Content)[] files)
    {
        var dir = Sys(hostDir);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "cgroup.procs"), "");
        foreach (var (name, content) in files) File.WriteAllText(Path.Combine(dir, name), content);
        return dir;
    }

    public string Read(string hostPath) => File.ReadAllText(Sys(hostPath)).Trim();

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
