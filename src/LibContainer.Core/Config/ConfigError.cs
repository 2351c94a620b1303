namespace LibContainer.Config;

/// <summary>One validation problem: the JSON path, and what is wrong with the value there.</summary>
public sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
