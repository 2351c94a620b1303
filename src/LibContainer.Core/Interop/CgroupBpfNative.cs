using System.Runtime.InteropServices;

namespace LibContainer.Interop;

/// <summary>The bpf(2) commands the cgroup v2 device filter needs; bpf_attr is laid out by hand (offsets from linux/bpf.h).</summary>
internal static unsafe class CgroupBpfNative
{
    public const int BPF_PROG_LOAD = 5, BPF_PROG_ATTACH = 8, BPF_PROG_DETACH = 9, BPF_PROG_GET_FD_BY_ID = 13,
        BPF_OBJ_GET_INFO_BY_FD = 15, BPF_PROG_QUERY = 16;
    public const int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    public const int BPF_CGROUP_DEVICE = 6;
    public const int BPF_F_ALLOW_MULTI = 2;
    private const int AttrSize = 128;

    /// <summary>bpf(cmd, attr, size); returns the result or -1 with errno in lastError.</summary>
    private static int Bpf(int cmd, byte* attr, out int lastError)
    {
        long r = Libc.syscall(CgroupNative.SYS_bpf, cmd, (nint)attr, AttrSize);
        lastError = r < 0 ? Marshal.GetLastPInvokeError() : 0;
        return (int)r;
    }

    /// <summary>BPF_PROG_LOAD of a cgroup device program; returns the program fd. The verifier log is put in the error.</summary>
    public static int LoadDeviceProgram(byte[] instructions, string name)
    {
        var license = "Apache-2.0\0"u8.ToArray();
        var log = new byte[65536];
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        fixed (byte* insns = instructions)
        fixed (byte* lic = license)
        fixed (byte* logBuf = log)
        {
            *(uint*)(attr + 0) = BPF_PROG_TYPE_CGROUP_DEVICE;
            *(uint*)(attr + 4) = (uint)(instructions.Length / 8);
            *(ulong*)(attr + 8) = (ulong)insns;
            *(ulong*)(attr + 16) = (ulong)lic;
            *(uint*)(attr + 24) = 1; // log_level
            *(uint*)(attr + 28) = (uint)log.Length;
            *(ulong*)(attr + 32) = (ulong)logBuf;
            var nameBytes = System.Text.Encoding.ASCII.GetBytes(name);
            for (int i = 0; i < Math.Min(15, nameBytes.Length); i++) attr[48 + i] = nameBytes[i];
            int fd = Bpf(BPF_PROG_LOAD, attr, out int errno);
            if (fd >= 0) return fd;
            int end = Array.IndexOf(log, (byte)0);
            var text = System.Text.Encoding.ASCII.GetString(log, 0, end < 0 ? log.Length : end).Trim();
            throw new SyscallException("bpf", errno, null,
                "BPF_PROG_LOAD of the cgroup device program" + (text.Length > 0 ? "; verifier: " + text.Replace('\n', ' ') : ""));
        }
    }

    public static void Attach(int cgroupFd, int progFd, string cgroupPath)
    {
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        *(uint*)(attr + 0) = (uint)cgroupFd;
        *(uint*)(attr + 4) = (uint)progFd;
        *(uint*)(attr + 8) = BPF_CGROUP_DEVICE;
        *(uint*)(attr + 12) = BPF_F_ALLOW_MULTI;
        if (Bpf(BPF_PROG_ATTACH, attr, out int errno) < 0)
            throw new SyscallException("bpf", errno, cgroupPath, "BPF_PROG_ATTACH BPF_CGROUP_DEVICE");
    }

    public static void Detach(int cgroupFd, int progFd, string cgroupPath)
    {
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        *(uint*)(attr + 0) = (uint)cgroupFd;
        *(uint*)(attr + 4) = (uint)progFd;
        *(uint*)(attr + 8) = BPF_CGROUP_DEVICE;
        if (Bpf(BPF_PROG_DETACH, attr, out int errno) < 0 && errno != LibContainer.Errno.ENOENT)
            throw new SyscallException("bpf", errno, cgroupPath, "BPF_PROG_DETACH BPF_CGROUP_DEVICE");
    }

    /// <summary>Ids of the device programs attached directly to the cgroup.</summary>
    public static uint[] QueryDevicePrograms(int cgroupFd, string cgroupPath)
    {
        var ids = new uint[64];
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        fixed (uint* p = ids)
        {
            *(uint*)(attr + 0) = (uint)cgroupFd;
            *(uint*)(attr + 4) = BPF_CGROUP_DEVICE;
            *(ulong*)(attr + 16) = (ulong)p;
            *(uint*)(attr + 24) = (uint)ids.Length;
            if (Bpf(BPF_PROG_QUERY, attr, out int errno) < 0)
                throw new SyscallException("bpf", errno, cgroupPath, "BPF_PROG_QUERY BPF_CGROUP_DEVICE");
            return ids.AsSpan(0, (int)*(uint*)(attr + 24)).ToArray();
        }
    }

    public static int ProgramFdById(uint id)
    {
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        *(uint*)(attr + 0) = id;
        int fd = Bpf(BPF_PROG_GET_FD_BY_ID, attr, out int errno);
        if (fd < 0) throw new SyscallException("bpf", errno, null, $"BPF_PROG_GET_FD_BY_ID {id}");
        return fd;
    }

    /// <summary>The kernel's id of a loaded program (bpf_prog_info.id).</summary>
    public static uint ProgramId(int progFd)
    {
        var info = stackalloc byte[256];
        new Span<byte>(info, 256).Clear();
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        *(uint*)(attr + 0) = (uint)progFd;
        *(uint*)(attr + 4) = 256;
        *(ulong*)(attr + 8) = (ulong)info;
        if (Bpf(BPF_OBJ_GET_INFO_BY_FD, attr, out int errno) < 0)
            throw new SyscallException("bpf", errno, null, "BPF_OBJ_GET_INFO_BY_FD");
        return *(uint*)(info + 4);
    }
}
