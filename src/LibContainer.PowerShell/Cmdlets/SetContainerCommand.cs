using System.Management.Automation;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Set-Container: changes the resource limits of a live container (in-process, through Core's cgroup manager).</summary>
[Cmdlet(VerbsCommon.Set, "Container", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class SetContainerCommand : ContainerTargetCmdletBase
{
    [Parameter] [ValidateRange(4096, long.MaxValue)] public long MemoryLimit { get; set; }
    [Parameter] [ValidateRange(1000, long.MaxValue)] public long CpuQuota { get; set; }
    [Parameter] [ValidateRange(2, 262144)] public ulong CpuShares { get; set; }
    [Parameter] [ValidateRange(1, long.MaxValue)] public long PidsLimit { get; set; }

    /// <summary>A full OCI LinuxResources object; the other limit parameters are applied on top of it.</summary>
    [Parameter] [ValidateNotNull] public LinuxResources? Resources { get; set; }

    [Parameter] public SwitchParameter PassThru { get; set; }

    private bool Bound(string p) => MyInvocation.BoundParameters.ContainsKey(p);

    protected override void ProcessContainer(Container c)
    {
        var r = Resources is null ? new LinuxResources()
            : JsonSerializer.Deserialize(JsonSerializer.Serialize(Resources, OciJsonContext.Default.LinuxResources), OciJsonContext.Default.LinuxResources)!;
        if (Bound(nameof(MemoryLimit))) (r.Memory ??= new LinuxMemory()).Limit = MemoryLimit;
        if (Bound(nameof(PidsLimit))) (r.Pids ??= new LinuxPids()).Limit = PidsLimit;
        if (Bound(nameof(CpuQuota))) { var cpu = r.Cpu ??= new LinuxCpu(); cpu.Quota = CpuQuota; cpu.Period ??= 100_000; }
        if (Bound(nameof(CpuShares))) (r.Cpu ??= new LinuxCpu()).Shares = CpuShares;
        if (c.State is ContainerState.Stopped) { WriteError(ErrorMapper.NotRunning(c)); return; }
        if (!ShouldProcessContainer(c, "Update resource limits")) return;
        Lifecycle.Update(c, r);
        if (PassThru) WriteObject(Reload(c));
    }
}
