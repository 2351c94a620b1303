using System.Text.Json;

namespace LibContainer.Config.Codec;

public static partial class SpecWriter
{
    internal static void WriteLandlock(Utf8JsonWriter w, Landlock o)
    {
        w.WriteStartObject();
        w.Obj("ruleset", o.Ruleset, static (w, r) =>
        {
            w.WriteStartObject();
            w.Strings("handledAccessFS", r.HandledAccessFS);
            w.Strings("handledAccessNetwork", r.HandledAccessNetwork);
            w.EndObject(r);
        });
        w.Obj("rules", o.Rules, static (w, r) =>
        {
            w.WriteStartObject();
            w.List("pathBeneath", r.PathBeneath, static (w, p) =>
            {
                w.WriteStartObject();
                w.Strings("allowedAccess", p.AllowedAccess);
                w.Strings("paths", p.Paths);
                w.EndObject(p);
            });
            w.List("netPort", r.NetPort, static (w, p) =>
            {
                w.WriteStartObject();
                w.Strings("allowedAccess", p.AllowedAccess);
                w.List("ports", p.Ports, static (x, v) => x.WriteNumberValue(v));
                w.EndObject(p);
            });
            w.EndObject(r);
        });
        w.Bool("disableBestEffort", o.DisableBestEffort);
        w.EndObject(o);
    }
}
