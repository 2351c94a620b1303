namespace LibContainer.Config;

/// <summary>How <see cref="ConfigLoader"/> reads a config.</summary>
public sealed record ConfigLoadOptions
{
    public static readonly ConfigLoadOptions Default = new();

    /// <summary>Run <see cref="ConfigValidator"/> and throw on errors (default true).</summary>
    public bool Validate { get; init; } = true;

    /// <summary>
    /// Require a non-empty process.args when process is present. Null (default) means: yes for OCI configs, no for
    /// seed container.json files, whose command comes from the command line (`nsinit exec CMD`).
    /// </summary>
    public bool? RequireProcessArgs { get; init; }

    /// <summary>root.path given to a seed config (which has none), also where its user and group names are looked
    /// up (ROOT/etc/passwd, ROOT/etc/group). Default: the directory holding the file; when parsing text with no
    /// file, "." and no name lookups.</summary>
    public string? SeedRootPath { get; init; }
}
