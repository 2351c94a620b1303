using LibContainer.Config;
using LibContainer.Interop;
using LibContainer.Runtime.Init;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Rootfs;

/// <summary>Init step "mounts": every OCI mount, its destination resolved and created inside the rootfs.</summary>
internal static class MountSetup
{
    public static void MountAll(InitPlan plan)
    {
        if (plan.Spec.Mounts is null) return;
        foreach (var m in plan.Spec.Mounts)
        {
            var opts = MountOptions.Parse(m.Type, m.Options);
            if (m.Type is "cgroup" or "cgroup2") { CgroupMount.Mount(plan, m, opts); continue; }
            MountOne(plan, m, opts);
        }
    }

    private static void MountOne(InitPlan plan, Mount m, ParsedMountOptions opts)
    {
        string? source = m.Source;
        if (opts.Bind && source is { Length: > 0 } && !source.StartsWith('/')) source = Path.Combine(plan.Bundle, source);
        bool isFile = false;
        if (opts.Bind)
        {
            if (string.IsNullOrEmpty(source)) throw new ContainerException(ContainerErrorKind.ConfigInvalid, $"bind mount {m.Destination} has no source");
            uint? mode = RuntimeSys.StatMode(AT_FDCWD, source);
            if (mode is null) throw SyscallException.FromLastError("stat", source, $"bind source of {m.Destination}");
            isFile = (mode.Value & S_IFMT) != S_IFDIR;
        }
        int fd = InRoot.OpenOrCreate(plan.RootFd, m.Destination, isFile);
        try
        {
            string target = InRoot.ProcFdPath(fd);
            if (opts.Bind)
            {
                RuntimeSys.Mount(source, target, null, MS_BIND | (opts.Recursive ? MS_REC : 0), null, m.Destination);
                if (opts.NeedsRemount) OnNewMount(plan, m.Destination, t => BindRemount.Apply(t, opts.Flags, m.Destination));
            }
            else
            {
                string type = m.Type ?? "none";
                string data = opts.Data;
                if (type == "devpts" && !data.Contains("newinstance")) data = data.Length == 0 ? "newinstance" : data + ",newinstance";
                try
                {
                    RuntimeSys.Mount(m.Source ?? type, target, type, opts.Flags, data, m.Destination);
                }
                catch (SyscallException e) when (type == "sysfs" && e.Errno == LibContainer.Errno.EPERM)
                {
                    // sysfs cannot be mounted from a user namespace that does not own the net namespace: bind the host's.
                    RuntimeSys.Mount("/sys", target, null, MS_BIND | MS_REC, null, m.Destination);
                    OnNewMount(plan, m.Destination, t => BindRemount.Apply(t, opts.Flags | MS_RDONLY, m.Destination));
                }
            }
            if (opts.Propagation != 0) OnNewMount(plan, m.Destination, t => RuntimeSys.Mount(null, t, null, opts.Propagation, null, m.Destination));
        }
        finally { RuntimeSys.Close(fd); }
    }

    /// <summary>Acts on the mount just made at <paramref name="destination"/>: the fd used to make it still names the
    /// covered directory, so remounts and propagation changes need a fresh in-root lookup.</summary>
    internal static void OnNewMount(InitPlan plan, string destination, Action<string> act)
    {
        int fd = InRoot.OpenExisting(plan.RootFd, destination);
        if (fd < 0) throw new SyscallException("openat2", LibContainer.Errno.ENOENT, destination);
        try { act(InRoot.ProcFdPath(fd)); }
        finally { RuntimeSys.Close(fd); }
    }
}
