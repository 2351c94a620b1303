using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>struct pollfd, for every poll(2) declaration of the binding classes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}
