using LibContainer.Rootfs;
using LibContainer.Runtime;
using Xunit;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Tests.Runtime;

/// <summary>Pure logic of the runtime: option parsing, signals, ids, /proc parsing, the state store.</summary>
public sealed class RuntimeLogicTests
{
    [Fact]
    public void MountOptions_Split_Flags_Propagation_And_Data()
    {
        var o = MountOptions.Parse("tmpfs", new[] { "nosuid", "strictatime", "mode=755", "size=65536k", "rshared" });
        Assert.Equal(MS_NOSUID | MS_STRICTATIME, o.Flags);
        Assert.Equal(MS_SHARED | MS_REC, o.Propagation);
        Assert.Equal("mode=755,size=65536k", o.Data);
        Assert.False(o.Bind);

        var b = MountOptions.Parse("bind", new[] { "rbind", "ro", "nodev", "rw" });
        Assert.True(b.Bind && b.Recursive);
        Assert.Equal(MS_BIND | MS_REC | MS_NODEV, b.Flags);
        Assert.True(b.NeedsRemount);
        Assert.False(MountOptions.Parse(null, new[] { "bind" }).NeedsRemount);
        Assert.Equal(MS_RDONLY | MS_NODEV | MS_RELATIME, MountOptions.LockedFlagsFromStatfs(1 | 4 | 4096));
    }

    [Fact]
    public void MountOptions_Recursive_Attributes_And_Extensions()
    {
        var o = MountOptions.Parse("bind", new[] { "rbind", "rro", "rnosuid", "rrw", "rnoexec", "rnoatime", "rstrictatime", "ridmap", "src-nofollow" });
        Assert.Equal(MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_STRICTATIME, o.AttrSet);
        Assert.Equal(MOUNT_ATTR_RDONLY | MOUNT_ATTR__ATIME, o.AttrClear);
        Assert.Equal(IdmapMode.Recursive, o.Idmap);
        Assert.True(o.SourceNoFollow && !o.DestinationNoFollow && !o.TmpCopyUp);
        Assert.Equal(MS_BIND | MS_REC, o.Flags);
        Assert.False(o.NeedsRemount);
        Assert.Equal(MOUNT_ATTR_RELATIME, MountOptions.Parse("bind", new[] { "rnoatime", "ratime" }).AttrSet);
        Assert.True(MountOptions.Parse("tmpfs", new[] { "tmpcopyup", "defaults" }) is { TmpCopyUp: true, Data: "" });
    }

    [Fact]
    public void MountOptions_Every_Listed_Name_Is_Applied_Or_Refused()
    {
        foreach (var name in MountOptions.Names)
        {
            bool bind = name is "idmap" or "ridmap" or "src-nofollow";
            Assert.Null(MountOptions.Refusal(name, bind, name == "tmpcopyup" ? "tmpfs" : bind ? "bind" : "tmpfs"));
            Assert.Empty(MountOptions.Parse(bind ? "bind" : "tmpfs", new[] { name }).Data);
        }
        foreach (var name in MountOptions.Refused.Keys) Assert.NotNull(MountOptions.Refusal(name, false, "tmpfs"));
        Assert.Equal("is not a known mount option", MountOptions.Refusal("bogus", false, "tmpfs"));
    }

    [Theory]
    [InlineData("TERM", 15)]
    [InlineData("SIGKILL", 9)]
    [InlineData("9", 9)]
    [InlineData("usr1", 10)]
    [InlineData("RTMIN+2", 36)]
    [InlineData("SIGRTMAX", 64)]
    [InlineData("0", 0)] // `kill ID 0`: the liveness probe, as in runc
    public void Signals_Parse(string text, int expected) => Assert.Equal(expected, Signals.Parse(text));

    [Theory]
    [InlineData("NOPE")]
    [InlineData("-1")]
    [InlineData("65")]
    public void Signals_Reject(string text) => Assert.Throws<ContainerException>(() => Signals.Parse(text));

    [Theory]
    [InlineData("web1", true)]
    [InlineData("a.b-c_d", true)]
    [InlineData("-x", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    [InlineData("..", false)]
    public void Ids_Are_Validated(string id, bool ok)
    {
        if (ok) StateStore.ValidateId(id);
        else Assert.Equal(ContainerErrorKind.InvalidId, Assert.Throws<ContainerException>(() => StateStore.ValidateId(id)).Kind);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void PrivateTempFile_Is_0600_And_Fresh()
    {
        string a = PrivateTempFile.Write("lc-test", "{\"env\":[\"SECRET=1\"]}"), b = PrivateTempFile.Write("lc-test", "x");
        try
        {
            Assert.NotEqual(a, b);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(a));
            Assert.Equal("{\"env\":[\"SECRET=1\"]}", File.ReadAllText(a));
        }
        finally { File.Delete(a); File.Delete(b); }
    }

    [Fact]
    public void ProcStat_Parse_Handles_Parens_In_Comm()
    {
        var stat = "123 (a) b) S 1 123 123 0 -1 4194560 100 0 0 0 7 5 0 0 20 0 1 0 987654 1000 10\n";
        Assert.Equal(new ProcStat(123, "a) b", 'S', 1, 7, 5, 987654, 10), ProcStat.Parse(stat));
        Assert.Null(ProcStat.Parse("123 (a"));
        Assert.Null(ProcStat.Parse("123 (a) S 1"));
    }

    [Fact]
    public void StateStore_Create_Save_Load_List_Remove()
    {
        var root = Path.Combine(Path.GetTempPath(), "nsinit-store-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new StateStore(root);
            using (store.CreateAndLock("c1"))
                store.Save(new ContainerStateRecord { Id = "c1", Pid = 0, Bundle = "/b", Status = ContainerState.Created });
            Assert.Equal(ContainerErrorKind.IdInUse, Assert.Throws<ContainerException>(() => store.CreateAndLock("c1")).Kind);
            Assert.Equal("/b", store.Load("c1").Bundle);
            Assert.Equal(new[] { "c1" }, store.Ids());
            Assert.Equal(ContainerState.Stopped, ContainerStatusProbe.Status(store.Load("c1"), store));
            Assert.False(File.Exists(store.StatePath("c1") + ".tmp"));
            Assert.Equal(ContainerErrorKind.NotFound, Assert.Throws<ContainerException>(() => store.Load("nope")).Kind);
            store.Remove("c1");
            Assert.Empty(store.Ids());
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void StateRecordJson_Is_Compatible_With_StateJsonContext()
    {
        var r = new ContainerStateRecord
        {
            Id = "c1", Pid = 42, PidStartTime = 12345, Bundle = "/b", Rootfs = "/b/rootfs", Created = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            Status = ContainerState.Created, CgroupsPath = "/nsinit/c1", CgroupPaths = new() { ["memory"] = "/sys/fs/cgroup/memory/nsinit/c1" },
            NamespacePaths = new() { ["pid"] = "/proc/42/ns/pid" }, HostInterfaces = new() { "veth0" }, RemoveBridges = new() { "lc0" },
            Config = new LibContainer.Config.Spec { Hostname = "h", Process = new LibContainer.Config.Process { Args = new() { "sh" } } },
        };
        var mine = System.Text.Encoding.UTF8.GetString(StateRecordJson.Serialize(r));
        var viaContext = System.Text.Json.JsonSerializer.Deserialize(mine, StateJsonContext.Default.ContainerStateRecord)!;
        Assert.Equal(r.Id, viaContext.Id);
        Assert.Equal(r.PidStartTime, viaContext.PidStartTime);
        Assert.Equal(r.Created, viaContext.Created);
        Assert.Equal("h", viaContext.Config.Hostname);
        Assert.Equal("/sys/fs/cgroup/memory/nsinit/c1", viaContext.CgroupPaths!["memory"]);
        var back = StateRecordJson.Deserialize(System.Text.Json.JsonSerializer.Serialize(viaContext, StateJsonContext.Default.ContainerStateRecord));
        Assert.Equal(r.Pid, back.Pid);
        Assert.Equal(r.Created, back.Created);
        Assert.Equal("veth0", Assert.Single(back.HostInterfaces!));
        Assert.Equal("lc0", Assert.Single(viaContext.RemoveBridges!));
        Assert.Equal("lc0", Assert.Single(back.RemoveBridges!));
        Assert.Equal("sh", Assert.Single(back.Config.Process!.Args!));
        Assert.Null(back.ExtensionData);
    }

    [Fact]
    public void InRoot_Resolves_Symlinks_Inside_The_Root()
    {
        var root = Path.Combine(Path.GetTempPath(), "nsinit-inroot-" + Guid.NewGuid().ToString("N"));
        var outside = root + "-outside";
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        Directory.CreateDirectory(outside);
        try
        {
            File.CreateSymbolicLink(Path.Combine(root, "abs"), outside);
            File.CreateSymbolicLink(Path.Combine(root, "rel"), "../../../../etc");
            int rootFd = LibContainer.Interop.RuntimeSys.Open(root, LibC.O_PATH | LibC.O_DIRECTORY);
            try
            {
                Assert.Equal(outside.TrimStart('/') + "/x", InRoot.Resolve(rootFd, "/abs/x", create: true, lastIsFile: false));
                Assert.Equal("etc/y", InRoot.Resolve(rootFd, "rel/y", create: true, lastIsFile: true));
                int fd = InRoot.OpenOrCreate(rootFd, "/a/b/c", lastIsFile: false);
                LibContainer.Interop.RuntimeSys.Close(fd);
            }
            finally { LibContainer.Interop.RuntimeSys.Close(rootFd); }
            Assert.Empty(Directory.GetFileSystemEntries(outside));
            Assert.True(Directory.Exists(root + outside + "/x"));
            Assert.True(File.Exists(Path.Combine(root, "etc", "y")));
            Assert.True(Directory.Exists(Path.Combine(root, "a", "b", "c")));
        }
        finally
        {
            Directory.Delete(root, true);
            Directory.Delete(outside, true);
        }
    }
}
