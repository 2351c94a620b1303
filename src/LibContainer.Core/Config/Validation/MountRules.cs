using LibContainer.Rootfs;

namespace LibContainer.Config.Validation;

/// <summary>mounts: destination, options (the table is Rootfs.MountOptions), bind sources, idmapped mount mappings.</summary>
internal static class MountRules
{
    public static void Check(Validator v) => v.Each(v.Spec.Mounts, "mounts", (m, p) =>
    {
        v.Absolute($"{p}.destination", m.Destination);
        bool bind = MountOptions.IsBind(m.Type, m.Options);
        bool mapped = m.UidMappings is not null || m.GidMappings is not null;
        if (m.Options is { } options)
        {
            for (int i = 0; i < options.Count; i++)
            {
                string? o = options[i];
                if (MountOptions.Refusal(o, bind, m.Type) is { } why) v.Error($"{p}.options[{i}]", $"{Validator.Q(o)} {why}");
                else if (o is "idmap" or "ridmap" && !mapped && !HasNewUserNamespaceMappings(v.Spec))
                    v.Error($"{p}.options[{i}]", $"{Validator.Q(o)} needs uidMappings and gidMappings on the mount, or a new user namespace whose mappings it takes");
            }
        }
        if (bind && string.IsNullOrEmpty(m.Source)) v.Error($"{p}.source", "is required for a bind mount");
        if ((m.UidMappings is null) != (m.GidMappings is null))
            v.Error(p, "an idmapped mount needs both uidMappings and gidMappings");
        else if (mapped && !bind)
            v.Error($"{p}.uidMappings", "idmapped mounts are bind mounts here (the type is not \"bind\" and no option is bind or rbind)");
        NamespaceRules.Mappings(v, $"{p}.uidMappings", m.UidMappings);
        NamespaceRules.Mappings(v, $"{p}.gidMappings", m.GidMappings);
    });

    static bool HasNewUserNamespaceMappings(Spec spec)
        => spec.Linux?.Namespaces?.Any(n => n?.Type == "user" && string.IsNullOrEmpty(n.Path)) == true
           && spec.Linux.UidMappings is { Count: > 0 } && spec.Linux.GidMappings is { Count: > 0 };
}
