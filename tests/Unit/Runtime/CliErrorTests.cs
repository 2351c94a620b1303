using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>The CLI's one error boundary: every failure is `nsinit: op 'path': reason (ERRNO)` or a config error with
/// its JSON path, line and column, never a .NET resource key (NativeAOT strips the texts), values cut.</summary>
[Trait("Category", "Integration")]
public sealed class CliErrorTests : IDisposable
{
    private readonly NsinitHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static void Clean(NsinitResult r)
    {
        Assert.NotEqual(0, r.ExitCode);
        Assert.StartsWith("nsinit: ", r.Stderr);
        Assert.DoesNotMatch(@"\b[A-Z][A-Za-z]+_[A-Za-z_]+\b", r.Stderr); // IO_PathNotFound_Path and the like
        Assert.DoesNotContain(" : '", r.Stderr);
    }

    private string ConfigBundle(string json)
    {
        var dir = _h.TempDir("nsinit-bad-");
        File.WriteAllText(Path.Combine(dir, "config.json"), json);
        return dir;
    }

    [Fact]
    public void PidFile_In_A_Missing_Directory()
    {
        string missing = Path.Combine(_h.TempDir("nsinit-pid-"), "no", "such");
        var r = _h.Nsi("run", "--detach", "--pid-file", Path.Combine(missing, "pid"), "--bundle", _h.Bundle(_h.DefaultSpec("/bin/true")), NsinitHarness.NewId());
        Clean(r);
        Assert.Contains($"open '{missing}/pid.tmp': no such file or directory (ENOENT)", r.Stderr);
        Assert.Empty(Directory.GetDirectories(_h.Root)); // the failed create left nothing
    }

    [Fact]
    public void Exec_Process_File_Missing()
    {
        string id = NsinitHarness.NewId();
        Assert.Equal(0, _h.Nsi("run", "--detach", "--bundle", _h.Bundle(_h.DefaultSpec("/bin/sleep", "60")), id).ExitCode);
        var r = _h.Nsi("exec", "--process", "/nonexistent/process.json", id);
        Clean(r);
        Assert.Contains("open '/nonexistent/process.json': no such file or directory (ENOENT)", r.Stderr);
    }

    [Fact]
    public void State_Of_A_Very_Long_Id()
    {
        var r = _h.Nsi("state", new string('a', 1024));
        Clean(r);
        Assert.Contains("file name too long (ENAMETOOLONG)", r.Stderr);
        Assert.Contains("(1", r.Stderr); // the path is cut, its length said
        Assert.True(r.Stderr.Length < 600, r.Stderr);
    }

    [Fact]
    public void Root_Is_A_File()
    {
        string file = Path.Combine(_h.TempDir("nsinit-rootfile-"), "f");
        File.WriteAllText(file, "");
        var r = NsinitHarness.RunProcess(_h.Nsinit, new[] { "--root", file, "run", "--bundle", _h.Bundle(_h.DefaultSpec("/bin/true")), NsinitHarness.NewId() });
        Clean(r);
        Assert.Contains($"'{file}': file exists (EEXIST)", r.Stderr);
    }

    [Fact]
    public void Json_Nested_Too_Deep_Has_Line_And_Column()
    {
        var r = _h.Nsi("run", "--bundle", ConfigBundle("{\"ociVersion\": \"1.0.2\", \"x\": " + new string('[', 100) + new string(']', 100) + "}"), NsinitHarness.NewId());
        Clean(r);
        Assert.Matches(@"line 1, column \d+: .*nest", r.Stderr);
    }

    [Fact]
    public void Json_Lone_Surrogate_Has_Line_And_Column()
    {
        var r = _h.Nsi("run", "--bundle", ConfigBundle("{\"ociVersion\": \"1.0.2\",\n \"hostname\": \"a\\ud800b\"}"), NsinitHarness.NewId());
        Clean(r);
        Assert.Contains("line 2, column 24", r.Stderr); // where the serializer puts a value it cannot convert: its end
    }

    [Fact]
    public void A_Huge_Value_Is_Cut_With_Its_Length()
    {
        var spec = _h.DefaultSpec("/bin/true");
        spec.Mounts!.Add(new LibContainer.Config.Mount { Destination = "/x", Type = "tmpfs", Source = "tmpfs", Options = new() { new string('o', 10_000_000) } });
        var r = _h.Run(spec);
        Clean(r);
        Assert.Matches(@"… \(1000000\d characters\)", r.Stderr); // the value with its quotes
        Assert.True(r.Stderr.Length < 2000, $"{r.Stderr.Length} characters on stderr");
    }

    [Fact]
    public void No_Space_Left_Is_Worded_As_The_Project_Does()
    {
        string mnt = _h.TempDir("nsinit-full-");
        Assert.Equal(0, NsinitHarness.RunProcess("/bin/mount", new[] { "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt }).ExitCode);
        try
        {
            NsinitHarness.RunProcess("/bin/sh", new[] { "-c", $"dd if=/dev/zero of={mnt}/fill bs=4k 2>/dev/null; mkdir {mnt}/root" });
            var r = NsinitHarness.RunProcess(_h.Nsinit, new[] { "--root", mnt + "/root", "run", "--bundle", _h.Bundle(_h.DefaultSpec("/bin/true")), NsinitHarness.NewId() });
            Clean(r);
            Assert.Contains("no space left on device (ENOSPC)", r.Stderr);
        }
        finally { NsinitHarness.RunProcess("/bin/umount", new[] { "-l", mnt }); }
    }
}
