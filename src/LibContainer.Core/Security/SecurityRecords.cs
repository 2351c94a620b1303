namespace LibContainer.Security;

/// <summary>The five capability sets as bit masks (bit n = capability n).</summary>
public readonly record struct CapabilitySets(ulong Bounding, ulong Effective, ulong Permitted, ulong Inheritable, ulong Ambient);

/// <summary>process.user resolved against the container's /etc/passwd and /etc/group.</summary>
public sealed record ResolvedUser(uint Uid, uint Gid, uint[] AdditionalGids, string Home, uint? Umask);

/// <summary>An rlimit ready for prlimit: resource number and values.</summary>
public readonly record struct ResolvedRlimit(int Resource, ulong Soft, ulong Hard)
{
    /// <summary>The RLIMIT_* name of <see cref="Resource"/>.</summary>
    public string Name => Rlimits.Name(Resource);
}
