namespace LibContainer.Config;

/// <summary>Switches for <see cref="ConfigValidator.Validate(Spec, ValidationOptions)"/>.</summary>
public sealed record ValidationOptions
{
    public static readonly ValidationOptions Default = new();

    /// <summary>When false, a present process may lack args (seed configs get them from `nsinit exec CMD`;
    /// the runtime fills them in and may validate again).</summary>
    public bool RequireProcessArgs { get; init; } = true;
}
