namespace LibContainer.Config;

/// <summary>Which on-disk format a config was written in.</summary>
public enum ConfigFormat
{
    /// <summary>OCI runtime-spec config.json.</summary>
    Oci,
    /// <summary>The 2015 libcontainer container.json of the original nsinit.</summary>
    Seed,
}
