using System.Text.Json;
using LibContainer.Config;
using LibContainer.Rootfs;
using LibContainer.Runtime.Launch;
using LibContainer.Security;
using LibContainer.Security.Seccomp;

namespace LibContainer.Runtime;

/// <summary>`nsinit features`: the runtime-spec "features" document (the shape runc prints and containerd and podman
/// read). Every list comes from the table the code applies, and the host-dependent parts (libseccomp, kernel flags,
/// LSMs) are probed, so it lists only what a config can use here.</summary>
public static class RuntimeFeatures
{
    public const string OciVersionMin = "1.0.0";

    public static void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("ociVersionMin", OciVersionMin);
        w.WriteString("ociVersionMax", Spec.Version);
        Strings(w, "hooks", HookRunner.Phases);
        Strings(w, "mountOptions", MountOptions.Names.Order(StringComparer.Ordinal));

        w.WriteStartObject("linux");
        Strings(w, "namespaces", Namespaces.All.Select(n => n.Type));
        Strings(w, "capabilities", Capabilities.All);
        w.WriteStartObject("cgroup");
        w.WriteBoolean("v1", true);
        w.WriteBoolean("v2", true);
        w.WriteBoolean("systemd", false); // --systemd-cgroup is refused: no systemd driver
        w.WriteBoolean("systemdUser", false);
        w.WriteBoolean("rdma", true);
        w.WriteEndObject();

        var libseccomp = LibSeccomp.Instance;
        w.WriteStartObject("seccomp");
        w.WriteBoolean("enabled", libseccomp is not null);
        if (libseccomp is not null)
        {
            Strings(w, "actions", SeccompTables.ActionNames);
            Strings(w, "operators", SeccompTables.OperatorNames);
            Strings(w, "archs", SeccompTables.SupportedArchitectures());
            Strings(w, "knownFlags", SeccompTables.FlagNames);
            Strings(w, "supportedFlags", SeccompTables.SupportedFlags());
        }
        w.WriteEndObject();
        Enabled(w, "apparmor", Labels.AppArmorEnabled());
        Enabled(w, "selinux", Labels.SelinuxEnabled());
        Enabled(w, "intelRdt", false);
        // Experimental (process.landlock, runtime-spec PR #1241): the rights this kernel's ABI has.
        int landlockAbi = HostFacts.Current.LandlockAbi;
        w.WriteStartObject("landlock");
        w.WriteBoolean("enabled", landlockAbi > 0);
        w.WriteNumber("abi", landlockAbi);
        Strings(w, "handledAccessFS", Security.Landlock.LandlockAccess.All.Where(a => !a.Network && a.Abi <= landlockAbi).Select(a => a.Name));
        Strings(w, "handledAccessNetwork", Security.Landlock.LandlockAccess.All.Where(a => a.Network && a.Abi <= landlockAbi).Select(a => a.Name));
        w.WriteEndObject();
        w.WriteStartObject("mountExtensions");
        Enabled(w, "idmap", MountOptions.Names.Contains("idmap"));
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("annotations");
        if (libseccomp is not null)
        {
            w.WriteString("io.github.seccomp.libseccomp.version", libseccomp.VersionText);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static string ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true })) Write(w);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void Enabled(Utf8JsonWriter w, string name, bool enabled)
    {
        w.WriteStartObject(name);
        w.WriteBoolean("enabled", enabled);
        w.WriteEndObject();
    }
}
