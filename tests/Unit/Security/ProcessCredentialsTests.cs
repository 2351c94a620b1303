using LibContainer.Config;
using LibContainer.Security;
using Xunit;

namespace LibContainer.Tests.Security;

public sealed class ProcessCredentialsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lc-cred-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("lc-cred-host-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, true);
        Directory.Delete(_outside, true);
    }

    private const string Passwd = """
        root:x:0:0:root:/root:/bin/sh
        # a comment
        broken line
        daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
        www:x:33:33::/var/www:/bin/false
        nohome:x:44:44:::/bin/false
        """;

    private void WritePasswd(string text)
    {
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        File.WriteAllText(Path.Combine(_root, "etc/passwd"), text);
    }

    [Fact]
    public void PasswdFile_skips_comments_and_malformed_lines()
    {
        var entries = PasswdFile.Parse(Passwd).ToList();
        Assert.Equal(["root", "daemon", "www", "nohome"], entries.Select(e => e.Name));
        Assert.Equal("/var/www", PasswdFile.FindByUid(Passwd, 33)!.Home);
        Assert.Equal(1u, PasswdFile.FindByName(Passwd, "daemon")!.Uid);
        Assert.Null(PasswdFile.FindByUid(Passwd, 1000));
    }

    [Fact]
    public void Resolve_takes_home_from_the_images_passwd()
    {
        WritePasswd(Passwd);
        var u = ProcessCredentials.Resolve(new User { Uid = 33, Gid = 33, AdditionalGids = [5, 6, 5], Umask = 0x3f }, _root);
        Assert.Equal(33u, u.Uid);
        Assert.Equal(33u, u.Gid);
        Assert.Equal("/var/www", u.Home);
        Assert.Equal([5u, 6u], u.AdditionalGids);
        Assert.Equal(0x3fu, u.Umask);
    }

    [Fact]
    public void Resolve_defaults_home_to_slash()
    {
        WritePasswd(Passwd);
        Assert.Equal("/", ProcessCredentials.Resolve(new User { Uid = 1000, Gid = 1000 }, _root).Home);
        Assert.Equal("/", ProcessCredentials.Resolve(new User { Uid = 44, Gid = 44 }, _root).Home);
        var u = ProcessCredentials.Resolve(new User { Uid = 0 }, _root);
        Assert.Equal("/root", u.Home);
        Assert.Empty(u.AdditionalGids);
        Assert.Null(u.Umask);
    }

    [Fact]
    public void Resolve_looks_up_a_username_left_by_the_seed_reader()
    {
        WritePasswd(Passwd);
        var u = ProcessCredentials.Resolve(new User { Username = "daemon" }, _root);
        Assert.Equal((1u, 1u), (u.Uid, u.Gid));
        var e = Assert.Throws<ContainerException>(() => ProcessCredentials.Resolve(new User { Username = "nobody2" }, _root));
        Assert.Equal("process.user.username: no user \"nobody2\" in the container's /etc/passwd", e.Message);
    }

    [Fact]
    public void Resolve_without_passwd_file()
    {
        Assert.Equal("/", ProcessCredentials.Resolve(new User { Uid = 0 }, _root).Home);
    }

    [Fact]
    public void Absolute_symlink_in_image_resolves_inside_rootfs()
    {
        // The image's /etc/passwd points at an absolute path that exists on the host only.
        File.WriteAllText(Path.Combine(_outside, "passwd"), "evil:x:0:0::/host-secret:/bin/sh\n");
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        File.CreateSymbolicLink(Path.Combine(_root, "etc/passwd"), Path.Combine(_outside, "passwd"));
        Assert.Null(RootfsFile.ReadText(_root, "/etc/passwd"));
        Assert.Equal("/", ProcessCredentials.Resolve(new User { Uid = 0 }, _root).Home);

        // Once the target exists inside the rootfs, that file is what is read.
        var inside = Path.Combine(_root, _outside.TrimStart('/'));
        Directory.CreateDirectory(inside);
        File.WriteAllText(Path.Combine(inside, "passwd"), "root:x:0:0::/inside:/bin/sh\n");
        Assert.Equal("/inside", ProcessCredentials.Resolve(new User { Uid = 0 }, _root).Home);
    }

    [Fact]
    public void Dotdot_symlink_cannot_climb_out_of_rootfs()
    {
        File.WriteAllText(Path.Combine(_outside, "passwd"), "evil:x:0:0::/host-secret:/bin/sh\n");
        var rel = Path.GetRelativePath(_root, _outside); // ../lc-cred-host-xxx
        File.CreateSymbolicLink(Path.Combine(_root, "etc"), Path.Combine("../../../../..", rel.TrimStart('.', '/')));
        Assert.Null(RootfsFile.ReadText(_root, "/etc/passwd"));
    }

    [Fact]
    public async Task Dotdot_lookup_survives_renames_racing_on_the_host()
    {
        // openat2 RESOLVE_IN_ROOT fails a ".." step with EAGAIN when any rename on the host races it; the reader retries.
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        Directory.CreateDirectory(Path.Combine(_root, "a"));
        File.WriteAllText(Path.Combine(_root, "etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        string from = Path.Combine(_outside, "x"), to = Path.Combine(_outside, "y");
        Directory.CreateDirectory(from);
        using var stop = new CancellationTokenSource();
        var renamer = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested) { Directory.Move(from, to); Directory.Move(to, from); }
        });
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(2);
            while (DateTime.UtcNow < deadline)
                Assert.NotNull(RootfsFile.ReadText(_root, "/a/../a/../etc/passwd"));
        }
        finally
        {
            stop.Cancel();
            await renamer;
        }
    }

    [Fact]
    public void Missing_rootfs_is_a_syscall_error()
    {
        var ex = Assert.Throws<SyscallException>(() => RootfsFile.ReadText(Path.Combine(_root, "nope"), "/etc/passwd"));
        Assert.Equal(Errno.ENOENT, ex.Errno);
        Assert.Contains("nope", ex.Message);
    }

    [Fact]
    public void Apply_order_follows_the_capability_rules()
    {
        var o = ProcessCredentials.Order.ToList();
        int At(CredentialStep s) => o.IndexOf(s);
        Assert.Equal(Enum.GetValues<CredentialStep>().Length, o.Count);
        // KEEPCAPS before the uid change, or the permitted set is lost.
        Assert.True(At(CredentialStep.KeepCaps) < At(CredentialStep.SetUid));
        // PR_CAPBSET_DROP needs CAP_SETPCAP in the effective set: a non-root uid has an empty effective set.
        Assert.True(At(CredentialStep.DropBounding) < At(CredentialStep.SetUid));
        // setgroups and setgid need CAP_SETGID, which the uid change removes from the effective set.
        Assert.True(At(CredentialStep.SetGroups) < At(CredentialStep.SetGid));
        Assert.True(At(CredentialStep.SetGid) < At(CredentialStep.SetUid));
        Assert.True(At(CredentialStep.SetUid) < At(CredentialStep.ClearKeepCaps));
        // capset restores the effective set after the uid change; ambient needs permitted+inheritable first.
        Assert.True(At(CredentialStep.SetUid) < At(CredentialStep.Capset));
        Assert.True(At(CredentialStep.Capset) < At(CredentialStep.Ambient));
        Assert.Equal(CredentialStep.NoNewPrivileges, o[^1]);
    }

    [Theory]
    [InlineData(1, 0, true)]   // EPERM, no groups asked: setgroups=deny in a user namespace
    [InlineData(1, 2, false)]  // EPERM with groups asked: must fail
    [InlineData(22, 0, false)] // EINVAL: always an error
    public void SetGroups_error_is_ignored_only_for_EPERM_without_groups(int errno, int count, bool ignore)
        => Assert.Equal(ignore, ProcessCredentials.CanIgnoreSetGroupsError(errno, count));

    [Fact]
    public void Default_umask_is_0022() => Assert.Equal(ProcessCredentials.DefaultUmask, Convert.ToUInt32("022", 8));
}
