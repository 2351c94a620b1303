using LibContainer.Config;
using LibContainer.Network.Netlink;

namespace LibContainer.Network;

/// <summary>
/// The seed's `veth` strategy: a veth pair whose host end joins a bridge and whose peer becomes the container's
/// interface (eth0 unless named), with MAC, MTU, addresses, up, and default routes via the gateways.
/// </summary>
internal static class VethStrategy
{
    private const int NameAttempts = 8;

    public static AttachedInterface Attach(Rtnetlink host, Rtnetlink container, int netnsFd, NetworkConfig network, string field, CreatedDevices created)
    {
        var bridge = EnsureBridge(host, network, field, created);
        var (hostEnd, peerName) = CreatePair(host, network, created);
        host.SetMaster(hostEnd, bridge);
        host.SetUp(hostEnd);

        host.MoveToNetnsFd(host.GetLink(peerName), netnsFd);
        var name = network.Name ?? NetworkSetup.DefaultContainerInterface;
        container.Rename(container.GetLink(peerName), name);
        var peer = container.GetLink(name);
        if (network.MacAddress is not null) container.SetMacAddress(peer, network.MacAddress);
        if (network.Address is not null) container.AddAddress(peer, NetworkValidation.ParseCidr(network.Address, $"{field}.address"));
        if (network.Ipv6Address is not null) container.AddAddress(peer, NetworkValidation.ParseCidr(network.Ipv6Address, $"{field}.ipv6Address"));
        container.SetUp(peer);
        if (network.Gateway is not null)
            container.AddRoute(null, NetworkValidation.ParseAddress(network.Gateway, $"{field}.gateway"), null, peer);
        if (network.Ipv6Gateway is not null)
            container.AddRoute(null, NetworkValidation.ParseAddress(network.Ipv6Gateway, $"{field}.ipv6Gateway"), null, peer);
        return new AttachedInterface(NetworkTypes.Veth, name, hostEnd.Name, bridge.Name);
    }

    /// <summary>Uses the named bridge, or creates it (with bridgeAddress, up); another kind of device by that name is an error.</summary>
    private static LinkInfo EnsureBridge(Rtnetlink host, NetworkConfig network, string field, CreatedDevices created)
    {
        var name = network.Bridge!;
        var bridge = host.FindLink(name);
        if (bridge is null)
        {
            try
            {
                bridge = host.CreateBridge(name);
                created.Bridges.Add(name);
                if (network.BridgeAddress is not null)
                    host.AddAddress(bridge, NetworkValidation.ParseCidr(network.BridgeAddress, $"{field}.bridgeAddress"));
            }
            catch (SyscallException e) when (e.Errno == Errno.EEXIST && !created.Bridges.Contains(name))
            {
                bridge = host.GetLink(name); // another container created it at the same moment
            }
        }
        if (bridge.Kind != "bridge")
            throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                $"{field}.bridge: device '{name}' exists but is not a bridge (kind '{bridge.Kind ?? "none"}')");
        if (!bridge.IsUp) host.SetUp(bridge);
        return bridge;
    }

    private static (LinkInfo HostEnd, string PeerName) CreatePair(Rtnetlink host, NetworkConfig network, CreatedDevices created)
    {
        for (var attempt = 0; ; attempt++)
        {
            var hostName = network.HostInterfaceName ?? UniqueName(network.VethPrefix ?? NetworkSetup.DefaultVethPrefix);
            var peerName = VethPeerName.New(Environment.ProcessId);
            try
            {
                var hostEnd = host.CreateVeth(hostName, peerName, network.Mtu);
                created.HostInterfaces.Add(hostName);
                return (hostEnd, peerName);
            }
            catch (SyscallException e) when (e.Errno == Errno.EEXIST && network.HostInterfaceName is null && attempt < NameAttempts)
            {
                // A random name clashed: pick another.
            }
        }
    }

    /// <summary>prefix + 7 random hex characters (the name stays within 15 bytes for a valid prefix).</summary>
    internal static string UniqueName(string prefix)
    {
        // Random, not crypto: a clash only costs a retry (EEXIST), and this stays off the OpenSSL shim in NativeAOT.
        var suffix = ((uint)Random.Shared.NextInt64(0, 1L << 32)).ToString("x8");
        return prefix + suffix[..NetworkValidation.VethSuffixLength];
    }
}
