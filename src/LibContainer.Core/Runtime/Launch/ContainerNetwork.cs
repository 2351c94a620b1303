using LibContainer.Config;
using LibContainer.Network;

namespace LibContainer.Runtime.Launch;

/// <summary>
/// The runtime's side of container networking: set up from the nsinit parent once init exists (before init is told
/// to go on, so prestart hooks and the process see the network), torn down on delete. All host-side work happens in
/// the network namespace the runtime itself runs in, so create and delete must run in the same one.
/// </summary>
internal static class ContainerNetwork
{
    /// <summary>lo up for a new netns, then the annotated networks and routes; a failure has already been rolled back.</summary>
    public static AttachResult? SetUp(Spec spec, int initPid)
    {
        if (!NetworkSetup.HasNewNetworkNamespace(spec) && SpecNetworks.GetNetworks(spec).Count > 0)
            throw new ContainerException(ContainerErrorKind.ConfigInvalid,
                $"annotation {NetworkAnnotations.Networks}: networks are set up only in a new network namespace (a \"network\" entry in linux.namespaces without a path)");
        return NetworkSetup.SetUpContainer(spec, initPid);
    }

    /// <summary>Undoes <see cref="SetUp"/> after a later step of create failed (host veths, and bridges it created that
    /// are empty again). Best effort: the create error matters more.</summary>
    public static void RollBack(AttachResult? attached)
    {
        if (attached is null) return;
        try { NetworkSetup.Detach(attached.HostInterfaces, attached.CreatedBridges); }
        catch (SyscallException) { }
    }

    /// <summary>The bridges <paramref name="attached"/> created for networks with removeBridge set.</summary>
    public static List<string>? BridgesToRemove(Spec spec, AttachResult? attached)
    {
        if (attached is not { CreatedBridges.Count: > 0 }) return null;
        var asked = SpecNetworks.GetNetworks(spec).Where(n => n.RemoveBridge == true && n.Bridge is not null).Select(n => n.Bridge!);
        var remove = attached.CreatedBridges.Intersect(asked).ToList();
        return remove.Count > 0 ? remove : null;
    }

    /// <summary>Removes the host veths recorded at create (ones already gone are fine), then the bridges asked for when
    /// they are empty; a failure becomes a warning.</summary>
    public static void TearDown(ContainerStateRecord record, List<string> warnings)
    {
        if (record.HostInterfaces is not { Count: > 0 } hostInterfaces) return;
        try { NetworkSetup.Detach(hostInterfaces, record.RemoveBridges); }
        catch (SyscallException e) { warnings.Add($"network teardown failed: {e.Message}"); }
    }
}
