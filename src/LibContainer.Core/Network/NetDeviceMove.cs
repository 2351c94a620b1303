using LibContainer.Config;
using LibContainer.Network.Netlink;

namespace LibContainer.Network;

/// <summary>linux.netDevices: each named device of the runtime's network namespace is moved into the container's
/// (renamed to its `name` in the same request) and back, under its own name, on delete. A move drops the device's
/// addresses and takes it down, so its global addresses are carried over and it is set up again when it was up.</summary>
public static class NetDeviceMove
{
    /// <summary>The name a device has inside the container.</summary>
    public static string ContainerName(string hostName, LinuxNetDevice? device) =>
        device?.Name is { Length: > 0 } n ? n : hostName;

    /// <summary>Moves every device into the network namespace of <paramref name="initPid"/>; on a failure the ones
    /// already moved go back before the error is thrown.</summary>
    public static void MoveIn(IReadOnlyDictionary<string, LinuxNetDevice> devices, int initPid)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var moved = new Dictionary<string, LinuxNetDevice>();
        int target = NetnsScope.OpenNetns(NetnsScope.ProcessNetnsPath(initPid));
        try
        {
            using var host = Rtnetlink.Open();
            foreach (var (name, device) in devices)
            {
                var link = host.FindLink(name) ?? throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                    $"linux.netDevices[\"{name}\"]: no network device \"{name}\" in the runtime's network namespace");
                Move(host, link, target, ContainerName(name, device), () => Rtnetlink.OpenInNetns(target));
                moved[name] = device;
            }
        }
        catch
        {
            ReturnToRuntime(moved, initPid, new List<string>());
            throw;
        }
        finally
        {
            LibC.close(target);
        }
    }

    /// <summary>Moves every device back from the container (its network namespace must still exist: init alive) to
    /// the runtime's network namespace under its original name; what fails becomes a warning.</summary>
    public static void ReturnToRuntime(IReadOnlyDictionary<string, LinuxNetDevice> devices, int initPid, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(warnings);
        if (devices.Count == 0) return;
        int runtimeNs = NetnsScope.OpenNetns("/proc/thread-self/ns/net");
        try
        {
            using var inside = Rtnetlink.OpenForProcess(initPid);
            foreach (var (name, device) in devices)
            {
                string inner = ContainerName(name, device);
                try
                {
                    if (inside.FindLink(inner) is { } link) Move(inside, link, runtimeNs, name, Rtnetlink.Open);
                    else warnings.Add($"net device {inner} (host {name}) is no longer in the container: not returned");
                }
                catch (SyscallException e) { warnings.Add($"net device {inner} could not be returned as {name}: {e.Message}"); }
            }
        }
        catch (SyscallException e) { warnings.Add($"net devices could not be returned: {e.Message}"); }
        finally
        {
            LibC.close(runtimeNs);
        }
    }

    private static void Move(Rtnetlink from, LinkInfo link, int toNetns, string newName, Func<Rtnetlink> openTarget)
    {
        var addresses = from.GlobalAddresses(link);
        from.MoveToNetnsFd(link, toNetns, newName);
        using var to = openTarget();
        var moved = to.GetLink(newName);
        foreach (var address in addresses) to.AddAddress(moved, address);
        if (link.IsUp) to.SetUp(moved);
    }
}
