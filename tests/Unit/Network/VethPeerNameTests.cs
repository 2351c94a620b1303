using LibContainer.Network;
using Xunit;

namespace LibContainer.Tests.Network;

public sealed class VethPeerNameTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4194304)] // the largest pid_max
    public void Names_Fit_An_Interface_And_Give_Back_Their_Creator(int pid)
    {
        var name = VethPeerName.New(pid);
        Assert.Equal(15, name.Length);
        Assert.Equal(pid, VethPeerName.CreatorOf(name));
    }

    [Theory]
    [InlineData("veth1234567")]
    [InlineData("lcpeer1234567")]
    [InlineData("lcpx12")]
    [InlineData("eth0")]
    public void Other_Names_Have_No_Creator(string name) => Assert.Null(VethPeerName.CreatorOf(name));
}
