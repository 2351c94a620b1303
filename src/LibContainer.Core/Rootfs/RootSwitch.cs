using LibContainer.Interop;
using LibContainer.Runtime.Init;
using static LibContainer.Interop.RuntimeNative;

namespace LibContainer.Rootfs;

/// <summary>Init step "pivot-root": pivot_root(".", ".") + detach of the old root, or MS_MOVE + chroot with --no-pivot.</summary>
internal static unsafe class RootSwitch
{
    public static void PivotOrMove(InitPlan plan)
    {
        RuntimeSys.Check(LibC.fchdir(plan.RootFd), "chdir", plan.Rootfs);
        fixed (byte* dot = RuntimeSys.Z("."))
        fixed (byte* slash = RuntimeSys.Z("/"))
        {
            if (plan.NoPivot)
            {
                RuntimeSys.Check(RuntimeSys.TryMount(dot, slash, null, MS_MOVE, null), "mount", plan.Rootfs, "MS_MOVE");
                RuntimeSys.Check(LibC.chroot(dot), "chroot", plan.Rootfs);
            }
            else
            {
                RuntimeSys.Check(PivotRoot(dot, dot), "pivot_root", plan.Rootfs);
                // The old root is stacked on "."; make it a slave so its detach never propagates to the host, then drop it.
                RuntimeSys.Check(RuntimeSys.TryMount(null, dot, null, MS_SLAVE | MS_REC, null), "mount", "/", "rslave old root");
                RuntimeSys.Check(LibC.umount2(dot, LibC.MNT_DETACH), "umount2", "old root");
            }
            RuntimeSys.Check(LibC.chdir(slash), "chdir", "/");
        }
        RuntimeSys.Close(plan.RootFd);
        plan.RootFd = -1;
        if ((plan.RootPropagation & (MS_SHARED | MS_UNBINDABLE)) != 0) RuntimeSys.Mount(null, "/", null, plan.RootPropagation, null, "/ (rootfsPropagation)");
    }
}
