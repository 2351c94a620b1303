using LibContainer.Config;
using LibContainer.Interop;
using LibContainer.Network.Netlink;

namespace LibContainer.Network;

/// <summary>
/// The seed's network strategies, done over rtnetlink. The runtime calls <see cref="Attach"/> from the nsinit parent
/// once init exists (its pid names the container's netns), <see cref="Detach"/> on delete. The calling thread's
/// network namespace is "the host"; the container's namespace is entered only for the moment it takes to open a
/// netlink socket there, so the work needs no threads.
/// </summary>
public static class NetworkSetup
{
    public const string DefaultContainerInterface = "eth0";
    public const string DefaultVethPrefix = "veth";

    /// <summary>
    /// Sets up every network and then the routes. On failure everything created so far (host veths, bridges it
    /// created) is removed again and the first error is thrown.
    /// </summary>
    public static AttachResult Attach(IReadOnlyList<NetworkConfig> networks, IReadOnlyList<NetworkRoute>? routes, int containerPid, string procRoot = "/proc")
    {
        NetworkValidation.ThrowIfInvalid(networks, routes);
        var netnsPath = NetnsScope.ProcessNetnsPath(containerPid, procRoot);
        var netnsFd = NetnsScope.OpenNetns(netnsPath);
        try
        {
            // Renaming and addressing "the container's" interfaces in the runtime's own namespace would rewire the host.
            if (NetnsScope.SameNamespace(netnsPath, NetnsScope.CurrentThreadNetnsPath))
                throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                    $"networks: process {containerPid} shares the runtime's network namespace; loopback and veth networks need a new network namespace (add \"network\" to linux.namespaces)");
            using var host = Rtnetlink.Open();
            using var container = Rtnetlink.OpenInNetns(netnsFd);
            var created = new CreatedDevices();
            var interfaces = new List<AttachedInterface>();
            try
            {
                for (var i = 0; i < networks.Count; i++)
                {
                    var network = networks[i];
                    if (network.Type == NetworkTypes.Loopback)
                    {
                        container.SetUp(container.GetLink("lo"));
                        interfaces.Add(new AttachedInterface(NetworkTypes.Loopback, "lo", null, null));
                    }
                    else
                    {
                        interfaces.Add(VethStrategy.Attach(host, container, netnsFd, network, $"networks[{i}]", created));
                    }
                }
                for (var i = 0; routes is not null && i < routes.Count; i++)
                    AddRoute(container, routes[i]);
                return new AttachResult(created.HostInterfaces.ToList(), created.Bridges.ToList(), interfaces);
            }
            catch
            {
                created.Remove(host);
                throw;
            }
        }
        finally
        {
            LibC.close(netnsFd);
        }
    }

    /// <summary>
    /// Removes host veths (gone already when the container's netns died with it: not an error) and, when listed,
    /// bridges that no interface is attached to any more. Acts in the calling thread's network namespace.
    /// </summary>
    public static void Detach(IReadOnlyList<string> hostInterfaces, IReadOnlyList<string>? removeBridgesIfEmpty = null)
    {
        using var host = Rtnetlink.Open();
        Exception? first = null;
        foreach (var name in hostInterfaces)
        {
            try { host.DeleteLink(name); }
            catch (SyscallException e) { first ??= e; }
        }
        if (removeBridgesIfEmpty is { Count: > 0 })
        {
            var links = host.ListLinks();
            foreach (var name in removeBridgesIfEmpty)
            {
                var bridge = links.FirstOrDefault(l => l.Name == name);
                if (bridge is null || bridge.Kind != "bridge" || links.Any(l => l.MasterIndex == bridge.Index)) continue;
                try { host.DeleteLink(bridge); }
                catch (SyscallException e) when (e.Errno != Errno.ENODEV) { first ??= e; }
            }
        }
        if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
    }

    /// <summary>Brings up `lo` in the network namespace of a process (what runc does for every new netns).</summary>
    public static void LoopbackUp(int containerPid, string procRoot = "/proc")
    {
        using var container = Rtnetlink.OpenForProcess(containerPid, procRoot);
        container.SetUp(container.GetLink("lo"));
    }

    /// <summary>Brings up `lo` in the calling thread's network namespace (for use inside the container's init).</summary>
    public static void LoopbackUp()
    {
        using var current = Rtnetlink.Open();
        current.SetUp(current.GetLink("lo"));
    }

    /// <summary>
    /// The whole create-time step for a spec: bring `lo` up when the spec asks for a new network namespace (as runc
    /// does), then attach the annotated networks and routes. Returns null when nothing was attached;
    /// otherwise record <see cref="AttachResult.HostInterfaces"/> in the state for <see cref="Detach"/>.
    /// </summary>
    public static AttachResult? SetUpContainer(Spec spec, int initPid, string procRoot = "/proc")
    {
        var networks = SpecNetworks.GetNetworks(spec);
        if (HasNewNetworkNamespace(spec) && !networks.Any(n => n.Type == NetworkTypes.Loopback))
            LoopbackUp(initPid, procRoot);
        return networks.Count > 0 ? Attach(networks, SpecNetworks.GetRoutes(spec), initPid, procRoot) : null;
    }

    public static bool HasNewNetworkNamespace(Spec spec) =>
        spec.Linux?.Namespaces?.Any(n => n.Type == "network" && string.IsNullOrEmpty(n.Path)) == true;

    private static void AddRoute(Rtnetlink container, NetworkRoute route)
    {
        IpPrefix? destination = string.IsNullOrEmpty(route.Destination) ? null : NetworkValidation.ParseCidr(route.Destination, "route.destination");
        var gateway = string.IsNullOrEmpty(route.Gateway) ? null : NetworkValidation.ParseAddress(route.Gateway, "route.gateway");
        var source = string.IsNullOrEmpty(route.Source) ? null : NetworkValidation.ParseAddress(route.Source, "route.source");
        var output = string.IsNullOrEmpty(route.InterfaceName) ? null : container.GetLink(route.InterfaceName);
        container.AddRoute(destination, gateway, source, output);
    }
}

/// <summary>What an attach created on the host, in order, so a failure can take it all back.</summary>
internal sealed class CreatedDevices
{
    public List<string> HostInterfaces { get; } = [];
    public List<string> Bridges { get; } = [];

    /// <summary>Best effort: the original error matters more than a failed cleanup step.</summary>
    public void Remove(Rtnetlink host)
    {
        foreach (var name in Enumerable.Reverse(HostInterfaces).Concat(Enumerable.Reverse(Bridges)))
        {
            try { host.DeleteLink(name); }
            catch (SyscallException) { }
        }
    }
}
