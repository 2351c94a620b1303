using LibContainer.Cgroups;
using Xunit;

namespace LibContainer.Tests.Cgroups;

public class CgroupFileTests
{
    [Fact]
    public void Write_Names_Open_When_Open_Failed_And_Cuts_The_Value()
    {
        var e = Assert.Throws<SyscallException>(() => CgroupFile.Write("/nonexistent/cgroup/memory.max", new string('9', 1000)));
        Assert.Equal("open", e.Syscall);
        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.StartsWith("open '/nonexistent/cgroup/memory.max' (value \"999", e.Message);
        Assert.Contains("… (1000 characters)", e.Message);
        Assert.EndsWith(": no such file or directory (ENOENT)", e.Message);
    }
}
