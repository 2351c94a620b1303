using System.Text.Json;

namespace LibContainer.Config;

internal static class SeedConfigReader
{
    public static Spec Convert(JsonElement root, string rootPath, List<ConfigError> errors)
    {
        errors.Add(new ConfigError("$", "seed container.json is not supported yet"));
        return new Spec();
    }
}
