using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LibContainer.Stats;

/// <summary>Writes <see cref="RuncEvent"/> with Utf8JsonWriter alone, byte for byte as RuncEventJsonContext does
/// (members marked WhenWritingDefault/WhenWritingNull left out when 0/null, the others always written): `events`
/// then needs no serializer metadata.</summary>
internal static class RuncEventJson
{
    public static string ToJson(RuncEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer)) Write(w, e);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    static void Write(Utf8JsonWriter w, RuncEvent e)
    {
        w.WriteStartObject();
        w.WriteString("type", e.Type);
        w.WriteString("id", e.Id);
        if (e.Data is { } data)
        {
            w.WritePropertyName("data");
            Write(w, data);
        }
        w.WriteEndObject();
    }

    static void Write(Utf8JsonWriter w, RuncStats s)
    {
        w.WriteStartObject();
        Member(w, "cpu", s.Cpu, static (w, c) =>
        {
            Member(w, "usage", c.Usage, static (w, u) =>
            {
                NonZero(w, "total", u.Total);
                if (u.Percpu is { } percpu)
                {
                    w.WriteStartArray("percpu");
                    foreach (ulong v in percpu) w.WriteNumberValue(v);
                    w.WriteEndArray();
                }
                w.WriteNumber("kernel", u.Kernel);
                w.WriteNumber("user", u.User);
            });
            Member(w, "throttling", c.Throttling, static (w, t) =>
            {
                NonZero(w, "periods", t.Periods);
                NonZero(w, "throttledPeriods", t.ThrottledPeriods);
                NonZero(w, "throttledTime", t.ThrottledTime);
            });
        });
        Member(w, "memory", s.Memory, static (w, m) =>
        {
            NonZero(w, "cache", m.Cache);
            Member(w, "usage", m.Usage, WriteMemoryEntry);
            Member(w, "swap", m.Swap, WriteMemoryEntry);
            if (m.Raw is { } raw)
            {
                w.WriteStartObject("raw");
                foreach (var (k, v) in raw) w.WriteNumber(k, v);
                w.WriteEndObject();
            }
        });
        Member(w, "pids", s.Pids, static (w, p) =>
        {
            NonZero(w, "current", p.Current);
            NonZero(w, "limit", p.Limit);
        });
        Member(w, "blkio", s.Blkio, static (w, b) =>
        {
            BlkioEntries(w, "ioServiceBytesRecursive", b.IoServiceBytesRecursive);
            BlkioEntries(w, "ioServicedRecursive", b.IoServicedRecursive);
        });
        if (s.Hugetlb is null) w.WriteNull("hugetlb");
        else
        {
            w.WriteStartObject("hugetlb");
            foreach (var (size, h) in s.Hugetlb)
                Member(w, size, h, static (w, h) =>
                {
                    NonZero(w, "usage", h.Usage);
                    NonZero(w, "max", h.Max);
                    w.WriteNumber("failcnt", h.Failcnt);
                });
            w.WriteEndObject();
        }
        if (s.NetworkInterfaces is null) w.WriteNull("network_interfaces");
        else
        {
            w.WriteStartArray("network_interfaces");
            foreach (var n in s.NetworkInterfaces) WriteInterface(w, n);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    static void WriteMemoryEntry(Utf8JsonWriter w, RuncMemoryEntry e)
    {
        w.WriteNumber("limit", e.Limit);
        NonZero(w, "usage", e.Usage);
        NonZero(w, "max", e.Max);
        w.WriteNumber("failcnt", e.Failcnt);
    }

    static void BlkioEntries(Utf8JsonWriter w, string name, List<RuncBlkioEntry>? entries)
    {
        if (entries is null) return;
        w.WriteStartArray(name);
        foreach (var e in entries)
        {
            if (e is null)
            {
                w.WriteNullValue();
                continue;
            }
            w.WriteStartObject();
            NonZero(w, "major", e.Major);
            NonZero(w, "minor", e.Minor);
            if (e.Op is not null) w.WriteString("op", e.Op);
            NonZero(w, "value", e.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    // Go's default field names (no JSON tags in runc's types.NetworkInterface).
    static void WriteInterface(Utf8JsonWriter w, NetworkInterfaceStats? n)
    {
        if (n is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("Name", n.Name);
        w.WriteNumber("RxBytes", n.RxBytes);
        w.WriteNumber("RxPackets", n.RxPackets);
        w.WriteNumber("RxErrors", n.RxErrors);
        w.WriteNumber("RxDropped", n.RxDropped);
        w.WriteNumber("TxBytes", n.TxBytes);
        w.WriteNumber("TxPackets", n.TxPackets);
        w.WriteNumber("TxErrors", n.TxErrors);
        w.WriteNumber("TxDropped", n.TxDropped);
        w.WriteEndObject();
    }

    // A member that is always written: null, or an object whose members `body` writes.
    static void Member<T>(Utf8JsonWriter w, string name, T? value, Action<Utf8JsonWriter, T> body) where T : class
    {
        if (value is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        body(w, value);
        w.WriteEndObject();
    }

    static void NonZero(Utf8JsonWriter w, string name, ulong value)
    {
        if (value != 0) w.WriteNumber(name, value);
    }
}
