using System.Collections;
using System.Management.Automation;
using LibContainer.Config;
using LibContainer.Rootfs;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>The common container settings New-Container and New-ContainerConfig share, applied onto a Spec.</summary>
public abstract class ContainerSpecCmdletBase : ContainerCmdletBase
{
    public const string LoopbackAnnotationJson = "[{\"type\":\"loopback\"}]";

    [Parameter] [ValidateNotNullOrEmpty] public string Hostname { get; set; } = "";

    [Parameter]
    [ValidateSet("pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time", IgnoreCase = true)]
    public string[] Namespace { get; set; } = [];

    [Parameter] [ArgumentCompleter(typeof(CapabilityCompleter))] public string[] Capability { get; set; } = [];

    /// <summary>Bind mounts as SOURCE:DESTINATION[:ro|rw] (docker's -v; ro is recursive).</summary>
    [Parameter] [Alias("Volume")] public string[] Mount { get; set; } = [];

    [Parameter] [ValidateRange(4096, long.MaxValue)] public long MemoryLimit { get; set; }

    /// <summary>CPU time in microseconds the container may use per 100 ms period.</summary>
    [Parameter] [ValidateRange(1000, long.MaxValue)] public long CpuQuota { get; set; }

    [Parameter] [ValidateRange(2, 262144)] public ulong CpuShares { get; set; }

    [Parameter] [ValidateRange(1, long.MaxValue)] public long PidsLimit { get; set; }

    [Parameter] public SwitchParameter ReadOnlyRootfs { get; set; }

    /// <summary>UID[:GID] of the container's processes.</summary>
    [Parameter] [ValidatePattern(@"^\d+(:\d+)?$")] public string User { get; set; } = "";

    [Parameter] public IDictionary Environment { get; set; } = new Hashtable();

    [Parameter] [ValidateSet("Loopback", "None", "Host", "Bridge")] public string Network { get; set; } = "Loopback";

    /// <summary>-Network Bridge: the bridge the container's veth is attached to (created when missing).</summary>
    [Parameter] [ArgumentCompleter(typeof(BridgeCompleter))] [ValidateNotNullOrEmpty] public string Bridge { get; set; } = BridgeNetwork.DefaultBridge;

    /// <summary>-Network Bridge: CIDR address a bridge created for this container gets (default 10.89.0.1/16 on lc0).</summary>
    [Parameter] [ValidateNotNullOrEmpty] public string BridgeAddress { get; set; } = "";

    /// <summary>-Network Bridge: the container's eth0 address, CIDR or plain (the bridge's prefix length is used).</summary>
    [Parameter] [Alias("IP")] [ValidateNotNullOrEmpty] public string IPAddress { get; set; } = "";

    [Parameter] [ValidateNotNullOrEmpty] public string Gateway { get; set; } = "";

    [Parameter] [ValidateNotNullOrEmpty] public string MacAddress { get; set; } = "";

    [Parameter] [ValidateRange(68, 65535)] public int Mtu { get; set; }

    /// <summary>The veth entry -Network Bridge built (New-Container assigns its address), else null.</summary>
    protected NetworkConfig? BridgeEntry { get; private set; }

    private static readonly string[] BridgeParameters =
        [nameof(Bridge), nameof(BridgeAddress), nameof(IPAddress), nameof(Gateway), nameof(MacAddress), nameof(Mtu)];

    /// <summary>Landlock (process.landlock): paths beneath which the container may read and run programs; with
    /// -ReadWritePath, nothing outside the two lists is reachable (e.g. -ReadOnlyPath / -ReadWritePath /tmp).</summary>
    [Parameter] [ValidateNotNullOrEmpty] public string[] ReadOnlyPath { get; set; } = [];

    /// <summary>Landlock (process.landlock): paths beneath which the container may do anything (see -ReadOnlyPath).</summary>
    [Parameter] [ValidateNotNullOrEmpty] public string[] ReadWritePath { get; set; } = [];

    /// <summary>The container's init process (program and arguments).</summary>
    [Parameter] public string[] Command { get; set; } = [];

    [Parameter] [ValidateNotNullOrEmpty] public string WorkingDirectory { get; set; } = "";

    /// <summary>Resource limits of the container's processes, as NAME=SOFT[:HARD] (nofile=1024:4096; "unlimited" allowed),
    /// like docker's --ulimit.</summary>
    [Parameter] [ValidatePattern(@"^[A-Za-z_]+=(\d+|unlimited)(:(\d+|unlimited))?$")] public string[] Ulimit { get; set; } = [];

    /// <summary>nofile=1024:4096 → RLIMIT_NOFILE soft 1024, hard 4096 (hard = soft when not given), replacing one
    /// of that type; the config's validation names an unknown type.</summary>
    private static void SetRlimit(Process p, string text)
    {
        var (name, values) = (text[..text.IndexOf('=')], text[(text.IndexOf('=') + 1)..].Split(':'));
        static ulong Value(string v) => v == "unlimited" ? ulong.MaxValue : ulong.Parse(v, System.Globalization.CultureInfo.InvariantCulture);
        var type = "RLIMIT_" + name.ToUpperInvariant().Replace("RLIMIT_", "");
        var rlimits = p.Rlimits ??= [];
        rlimits.RemoveAll(r => r.Type == type);
        rlimits.Add(new PosixRlimit { Type = type, Soft = Value(values[0]), Hard = Value(values[^1]) });
    }

    protected bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

    /// <summary>Applies every bound setting (and the network default) to the spec.</summary>
    protected void ApplySettings(Spec spec, bool applyNetworkDefault)
    {
        spec.Process ??= new Process();
        spec.Linux ??= new Linux();
        var p = spec.Process;
        var linux = spec.Linux;
        if (Bound(nameof(Hostname))) spec.Hostname = Hostname;
        if (Bound(nameof(Command)) && Command.Length > 0) p.Args = [.. Command];
        if (Bound(nameof(WorkingDirectory))) p.Cwd = WorkingDirectory;
        foreach (var u in Ulimit) SetRlimit(p, u);
        if (Bound(nameof(User))) p.User = ProcessOverrides.WithUser(p.User, User, "-User");
        if (Bound(nameof(Environment))) p.Env = ProcessOverrides.WithEnv(p.Env, EnvEntries(Environment));
        if (Bound(nameof(Capability)))
        {
            var caps = Capability.Select(c => c.ToUpperInvariant()).Select(c => c.StartsWith("CAP_", StringComparison.Ordinal) ? c : "CAP_" + c).Distinct().ToList();
            p.Capabilities = new LinuxCapabilities { Bounding = caps, Effective = [.. caps], Permitted = [.. caps] };
        }
        if (Bound(nameof(ReadOnlyPath)) || Bound(nameof(ReadWritePath))) p.Landlock = Landlock.ForPaths(ReadOnlyPath, ReadWritePath);
        if (Bound(nameof(ReadOnlyRootfs)))
        {
            spec.Root ??= new Root();
            spec.Root.Readonly = ReadOnlyRootfs.IsPresent;
        }
        if (Bound(nameof(Mount)))
        {
            spec.Mounts ??= [];
            foreach (var m in Mount) spec.Mounts.Add(ParseMount(m, GetUnresolvedProviderPathFromPSPath));
        }
        if (Bound(nameof(Namespace)))
        {
            var wanted = Namespace.Select(n => n.ToLowerInvariant()).Append("mount").Distinct();
            linux.Namespaces = wanted.Select(t => new LinuxNamespace { Type = t }).ToList();
        }
        var bridgeParameter = BridgeParameters.FirstOrDefault(Bound);
        if (bridgeParameter is not null && Bound(nameof(Network)) && Network != "Bridge")
            throw new NetworkParameterException(ErrorIds.InvalidNetworkParameter, ErrorCategory.InvalidArgument, bridgeParameter,
                $"-{bridgeParameter} applies only to -Network Bridge, not to -Network {Network}.",
                $"Use -Network Bridge, or leave out -{bridgeParameter}.");
        if (Bound(nameof(Network)) || applyNetworkDefault || bridgeParameter is not null)
            ApplyNetwork(spec, bridgeParameter is not null ? "Bridge" : Network);
        if (Bound(nameof(MemoryLimit))) Resources(linux).Memory = new LinuxMemory { Limit = MemoryLimit };
        if (Bound(nameof(PidsLimit))) Resources(linux).Pids = new LinuxPids { Limit = PidsLimit };
        if (Bound(nameof(CpuQuota)) || Bound(nameof(CpuShares)))
        {
            var cpu = Resources(linux).Cpu ??= new LinuxCpu();
            if (Bound(nameof(CpuQuota))) { cpu.Quota = CpuQuota; cpu.Period = 100_000; }
            if (Bound(nameof(CpuShares))) cpu.Shares = CpuShares;
        }
    }

    private static LinuxResources Resources(Linux linux) => linux.Resources ??= new LinuxResources();

    private void ApplyNetwork(Spec spec, string network)
    {
        var ns = spec.Linux!.Namespaces ??= [];
        ns.RemoveAll(n => n.Type == "network");
        spec.Annotations?.Remove(NetworkAnnotations.Networks);
        BridgeEntry = null;
        if (network == "Host") return;
        ns.Add(new LinuxNamespace { Type = "network" });
        if (network == "Loopback") (spec.Annotations ??= [])[NetworkAnnotations.Networks] = LoopbackAnnotationJson;
        if (network == "Bridge")
        {
            BridgeEntry = BridgeNetwork.Build(new BridgeRequest(Bridge, Bound(nameof(Bridge)),
                Bound(nameof(BridgeAddress)) ? BridgeAddress : null, Bound(nameof(IPAddress)) ? IPAddress : null,
                Bound(nameof(Gateway)) ? Gateway : null, Bound(nameof(MacAddress)) ? MacAddress : null, Bound(nameof(Mtu)) ? Mtu : null));
            BridgeNetwork.Apply(spec, BridgeEntry);
        }
    }

    /// <summary>-Environment's entries as KEY=VALUE, in the table's order.</summary>
    internal static IEnumerable<string> EnvEntries(IDictionary table)
    {
        foreach (DictionaryEntry e in table) yield return $"{e.Key}={e.Value}";
    }

    /// <summary>SOURCE:DESTINATION[:ro|rw] → a recursive bind; ro is rro (read-only in every submount too) where the
    /// kernel has mount_setattr, else plain ro (the top mount only). Each wrong part is named.</summary>
    internal static Mount ParseMount(string text, Func<string, string> resolvePath)
    {
        var parts = text.Split(':');
        string? problem = parts.Length < 2 ? "it has no destination"
            : parts.Length > 3 ? "it has more than three ':'-separated parts"
            : parts[0].Length == 0 ? "the source is empty"
            : !parts[1].StartsWith('/') ? $"the destination '{parts[1]}' is not an absolute path"
            : parts.Length == 3 && parts[2] is not ("ro" or "rw") ? $"the option '{parts[2]}' is neither ro nor rw"
            : null;
        if (problem is not null) throw new ArgumentException($"-Mount '{text}': {problem}; the form is SOURCE:DESTINATION[:ro|rw].");
        var source = resolvePath(parts[0]); // a missing source is init's error, naming it (ENOENT)
        var options = new List<string> { "rbind", "rprivate" };
        if (parts.Length == 3 && parts[2] == "ro") options.Add(MountOptions.RecursiveAttributesSupported ? "rro" : "ro");
        return new Mount { Source = source, Destination = parts[1], Type = "bind", Options = options };
    }
}
