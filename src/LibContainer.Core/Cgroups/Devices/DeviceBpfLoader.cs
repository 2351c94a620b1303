using LibContainer.Interop;

namespace LibContainer.Cgroups;

/// <summary>Loads a device program and attaches it to a cgroup2 directory, replacing the programs attached before.</summary>
public static class DeviceBpfLoader
{
    /// <summary>Attaches the new program first (never a moment without a filter), then detaches the older ones.</summary>
    public static void LoadAndAttach(string cgroupDir, IReadOnlyList<DeviceBpfProgram.Instruction> program)
    {
        int cgroupFd = RuntimeSys.TryOpen(cgroupDir, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (cgroupFd < 0) throw SyscallException.FromLastError("open", cgroupDir);
        int progFd = -1;
        try
        {
            progFd = CgroupBpfNative.LoadDeviceProgram(DeviceBpfProgram.Encode(program), "nsinit_devices");
            CgroupBpfNative.Attach(cgroupFd, progFd, cgroupDir);
            uint mine = CgroupBpfNative.ProgramId(progFd);
            foreach (var id in CgroupBpfNative.QueryDevicePrograms(cgroupFd, cgroupDir))
            {
                if (id == mine) continue;
                int old = CgroupBpfNative.ProgramFdById(id);
                try { CgroupBpfNative.Detach(cgroupFd, old, cgroupDir); }
                finally { LibC.close(old); }
            }
        }
        finally
        {
            if (progFd >= 0) LibC.close(progFd);
            LibC.close(cgroupFd);
        }
    }

    /// <summary>Ids of the device programs attached to a cgroup2 directory (for tests and diagnostics).</summary>
    public static IReadOnlyList<uint> AttachedPrograms(string cgroupDir)
    {
        int cgroupFd = RuntimeSys.TryOpen(cgroupDir, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (cgroupFd < 0) throw SyscallException.FromLastError("open", cgroupDir);
        try { return CgroupBpfNative.QueryDevicePrograms(cgroupFd, cgroupDir); }
        finally { LibC.close(cgroupFd); }
    }
}
