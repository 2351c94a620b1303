using LibContainer.Tests.CgroupsE2E;

namespace LibContainer.Tests.Engines;

/// <summary>The cgroup files of a container's process, found from /proc/PID/cgroup (engines choose the paths).</summary>
internal static class EngineCgroups
{
    public static string Read(int pid, string controller, string file)
    {
        var path = CgroupE2E.CgroupsOf(pid).First(c => c.Controllers.Split(',').Contains(controller)).Path;
        return File.ReadAllText(Path.Combine(CgroupE2E.V1Mount(controller), path.TrimStart('/'), file)).Trim();
    }

    public static string PathOf(int pid, string controller)
        => CgroupE2E.CgroupsOf(pid).First(c => c.Controllers.Split(',').Contains(controller)).Path;
}
