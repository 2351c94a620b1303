using System.Globalization;
using LibContainer.Config;

namespace LibContainer.Cgroups;

/// <summary>What the v1 and v2 writers of linux.resources share: the manager they report through, how numbers are
/// written into control files, and the files that are the same in both versions.</summary>
internal abstract class ResourceWriter(CgroupManager manager)
{
    protected readonly CgroupManager _m = manager;

    protected static string S(long v) => v.ToString(CultureInfo.InvariantCulture);
    protected static string S(ulong v) => v.ToString(CultureInfo.InvariantCulture);

    public void Cpuset(string dir, LinuxCpu cpu)
    {
        if (!string.IsNullOrEmpty(cpu.Cpus)) _m.WriteControl("cpuset", dir, "cpuset.cpus", cpu.Cpus);
        if (!string.IsNullOrEmpty(cpu.Mems)) _m.WriteControl("cpuset", dir, "cpuset.mems", cpu.Mems);
    }

    public void Pids(string dir, long limit) => _m.WriteControl("pids", dir, "pids.max", CgroupConversions.PidsLimit(limit));

    /// <summary>rdma.max has the same format in v1 and v2: "mlx4_0 hca_handle=2 hca_object=2000".</summary>
    public void Rdma(string dir, Dictionary<string, LinuxRdma> rdma)
    {
        foreach (var (device, limit) in rdma)
        {
            var parts = new List<string> { device };
            if (limit.HcaHandles is { } h) parts.Add($"hca_handle={h}");
            if (limit.HcaObjects is { } o) parts.Add($"hca_object={o}");
            if (parts.Count > 1) _m.WriteControl("rdma", dir, "rdma.max", string.Join(' ', parts));
        }
    }
}
