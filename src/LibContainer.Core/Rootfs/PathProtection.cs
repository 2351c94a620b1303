using LibContainer.Interop;
using LibContainer.Runtime.Init;
using static LibContainer.Interop.RuntimeNative;
using static LibContainer.Interop.Libc;

namespace LibContainer.Rootfs;

/// <summary>Init steps after the root switch (paths are the container's own): readonlyPaths, maskedPaths, root.readonly.</summary>
internal static class PathProtection
{
    public static void ReadonlyPaths(InitPlan plan)
    {
        foreach (var path in plan.Spec.Linux?.ReadonlyPaths ?? new List<string>())
        {
            if (!RuntimeSys.Exists(path)) continue;
            RuntimeSys.Mount(path, path, null, MS_BIND | MS_REC, null);
            BindRemount.Apply(path, MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, path);
        }
    }

    public static void MaskPaths(InitPlan plan)
    {
        foreach (var path in plan.Spec.Linux?.MaskedPaths ?? new List<string>())
        {
            uint? mode = RuntimeSys.StatMode(LibC.AT_FDCWD, path);
            if (mode is null) continue;
            if ((mode.Value & S_IFMT) == S_IFDIR) RuntimeSys.Mount("tmpfs", path, "tmpfs", MS_RDONLY, null);
            else RuntimeSys.Mount("/dev/null", path, null, MS_BIND, null);
        }
    }

    public static void ReadonlyRoot(InitPlan plan)
    {
        if (plan.Spec.Root?.Readonly == true) BindRemount.Apply("/", MS_RDONLY, "/");
    }
}
