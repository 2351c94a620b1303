using System.Runtime.CompilerServices;
using LibContainer.Interop;
using Xunit;

namespace LibContainer.Tests.Runtime;

/// <summary>The kernel structs' layout against the running kernel's answers.</summary>
public class LinuxAbiTests
{
    [Fact]
    public void Struct_Sizes_Are_The_X64_Kernel_Ones()
    {
        LinuxAbi.RequireX64(); // the tests, like the product, run on linux-x64 only
        Assert.Equal(144, Unsafe.SizeOf<Stat>());
        Assert.Equal(120, Unsafe.SizeOf<StatFs>());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Stat_Fields_Match_What_The_Kernel_Reports()
    {
        Assert.Equal(0x2000u | 0x1B6u, RuntimeSys.StatMode(LibC.AT_FDCWD, "/dev/null")); // S_IFCHR | 0666
        Assert.Equal((1UL << 8) | 3UL, RuntimeSys.TryStat(LibC.AT_FDCWD, "/dev/null")?.Rdev); // makedev(1, 3)
        var dir = Directory.CreateTempSubdirectory("lc-abi-");
        try
        {
            File.SetUnixFileMode(dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Assert.Equal(0x4000u | 0x1C0u, RuntimeSys.StatMode(LibC.AT_FDCWD, dir.FullName)); // S_IFDIR | 0700
        }
        finally { dir.Delete(); }
    }
}
