using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>struct pollfd, for the own poll(2) import (Libc.poll).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}
