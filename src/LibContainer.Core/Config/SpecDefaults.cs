namespace LibContainer.Config;

public static class SpecDefaults
{
    /// <summary>The default config.json of `nsinit spec` (runc-like safe defaults).</summary>
    public static Spec Create(bool rootless = false) => throw new NotImplementedException();
}
