namespace LibContainer.Network;

/// <summary>One interface the network setup made for a container.</summary>
public sealed record AttachedInterface(string Type, string ContainerInterface, string? HostInterface, string? Bridge);

/// <summary>
/// What <see cref="NetworkSetup.Attach"/> created on the host side: record <see cref="HostInterfaces"/> (and
/// <see cref="CreatedBridges"/>) in the container state and hand them to <see cref="NetworkSetup.Detach"/> on delete.
/// </summary>
public sealed record AttachResult(
    IReadOnlyList<string> HostInterfaces,
    IReadOnlyList<string> CreatedBridges,
    IReadOnlyList<AttachedInterface> Interfaces);
