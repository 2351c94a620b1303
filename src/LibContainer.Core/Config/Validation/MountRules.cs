namespace LibContainer.Config.Validation;

/// <summary>mounts: destination, options, bind sources, idmapped mount mappings.</summary>
internal static class MountRules
{
    public static void Check(Validator v) => v.Each(v.Spec.Mounts, "mounts", (m, p) =>
    {
        v.Absolute($"{p}.destination", m.Destination);
        bool bind = m.Type == "bind";
        if (m.Options is { } options)
        {
            for (int i = 0; i < options.Count; i++)
            {
                string? o = options[i];
                if (o is "bind" or "rbind") bind = true;
                if (!IsKnownOption(o)) v.Error($"{p}.options[{i}]", $"{Validator.Q(o)} is not a known mount option");
            }
        }
        if (bind && string.IsNullOrEmpty(m.Source)) v.Error($"{p}.source", "is required for a bind mount");
        if ((m.UidMappings is null) != (m.GidMappings is null))
            v.Error(p, "an idmapped mount needs both uidMappings and gidMappings");
        NamespaceRules.Mappings(v, $"{p}.uidMappings", m.UidMappings);
        NamespaceRules.Mappings(v, $"{p}.gidMappings", m.GidMappings);
    });

    /// <summary>Flags, propagation, recursive attributes, runtime extensions, fs data words, or key=value fs data.</summary>
    public static bool IsKnownOption(string? option)
    {
        if (string.IsNullOrEmpty(option) || option.Contains('\0') || option.Contains(',')) return false;
        int eq = option.IndexOf('=');
        if (eq > 0) return true;
        if (eq == 0) return false;
        return OciNames.MountFlags.Contains(option) || OciNames.Propagation.Contains(option)
               || OciNames.RecursiveMountAttributes.Contains(option) || OciNames.MountExtensions.Contains(option)
               || OciNames.FilesystemDataWords.Contains(option);
    }
}
