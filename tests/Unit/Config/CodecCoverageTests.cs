using System.Collections;
using System.Reflection;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.Config.Codec;
using Xunit;

namespace LibContainer.Tests.Config;

/// <summary>The hand-written codec against the model itself: every public property of every OCI model type gets a
/// value (found by reflection, so a property added to the model is covered without touching this test); the codec
/// must write it and read it back exactly as the source-generated serializer does. A property forgotten in
/// SpecReader or SpecWriter fails here.</summary>
public class CodecCoverageTests
{
    [Fact]
    public void Every_model_property_of_the_spec_is_written_and_read()
    {
        var filler = new ModelFiller();
        var spec = filler.Fill<Spec>();
        CodecCorpus.AssertSameWrite(spec, SpecWriter.Write, static c => c.Spec);
        CodecCorpus.AssertSameRead(JsonSerializer.Serialize(spec, OciJsonContext.Default.Spec), SpecReader.ReadSpec, OciJsonContext.Default.Spec);
        AssertAllFilled(filler, JsonSerializer.Serialize(spec, OciJsonContext.Default.Spec));
    }

    [Fact]
    public void Every_model_property_of_the_network_annotations_and_state_is_written_and_read()
    {
        var filler = new ModelFiller();
        var networks = filler.Fill<List<NetworkConfig>>();
        var routes = filler.Fill<List<NetworkRoute>>();
        var state = filler.Fill<ContainerStateJson>();
        CodecCorpus.AssertSameWrite(networks, SpecWriter.Write, static c => c.ListNetworkConfig);
        CodecCorpus.AssertSameWrite(routes, SpecWriter.Write, static c => c.ListNetworkRoute);
        CodecCorpus.AssertSameRead(JsonSerializer.Serialize(networks, OciJsonContext.Default.ListNetworkConfig), SpecReader.ReadNetworks, OciJsonContext.Default.ListNetworkConfig);
        CodecCorpus.AssertSameRead(JsonSerializer.Serialize(routes, OciJsonContext.Default.ListNetworkRoute), SpecReader.ReadRoutes, OciJsonContext.Default.ListNetworkRoute);
        CodecCorpus.AssertSameRead(JsonSerializer.Serialize(state, OciJsonContext.Default.ContainerStateJson), SpecReader.ReadContainerState, OciJsonContext.Default.ContainerStateJson);
    }

    /// <summary>The filler's own check: every property it set appears in the serializer's output (a value the
    /// serializer skips as default would make the comparison above vacuous).</summary>
    private static void AssertAllFilled(ModelFiller filler, string json)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Object)
                foreach (var p in e.EnumerateObject()) { names.Add(p.Name); Walk(p.Value); }
            else if (e.ValueKind == JsonValueKind.Array)
                foreach (var i in e.EnumerateArray()) Walk(i);
        }
        using (var doc = JsonDocument.Parse(json)) Walk(doc.RootElement);
        var missing = filler.Properties
            .Where(p => !names.Contains(p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
                                        ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}").ToList();
        Assert.True(missing.Count == 0, "not filled: " + string.Join(", ", missing));
    }

    /// <summary>Builds an object graph with a distinct non-default value in every settable public property.</summary>
    private sealed class ModelFiller
    {
        private int _n;
        public List<PropertyInfo> Properties { get; } = [];

        public T Fill<T>() => (T)Value(typeof(T), 0)!;

        private object? Value(Type t, int depth)
        {
            Assert.True(depth < 12, $"the model nests deeper than expected at {t}");
            var n = ++_n;
            var u = Nullable.GetUnderlyingType(t) ?? t;
            if (u == typeof(string)) return "s" + n;
            if (u == typeof(bool)) return true;
            if (u.IsEnum) return Enum.GetValues(u).GetValue(Enum.GetValues(u).Length - 1);
            if (u == typeof(JsonElement)) return JsonDocument.Parse("{\"x\":" + n + "}").RootElement.Clone();
            if (u.IsPrimitive || u == typeof(decimal)) return Convert.ChangeType(n % 100 + 1, u, System.Globalization.CultureInfo.InvariantCulture);
            if (u.IsGenericType && u.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                var d = (IDictionary)Activator.CreateInstance(u)!;
                d.Add("k" + n, Value(u.GetGenericArguments()[1], depth + 1));
                return d;
            }
            if (u.IsGenericType && u.GetGenericTypeDefinition() == typeof(List<>))
            {
                var l = (IList)Activator.CreateInstance(u)!;
                l.Add(Value(u.GetGenericArguments()[0], depth + 1));
                return l;
            }
            Assert.True(u.IsClass && u.Namespace == "LibContainer.Config", $"unexpected model type {u}");
            var o = Activator.CreateInstance(u)!;
            foreach (var p in u.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.SetMethod is not { IsPublic: true }) continue;
                if (p.Name == nameof(JsonObjectBase.ExtensionData)) continue; // unknown members: CodecDifferentialTests
                if (p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is { Condition: System.Text.Json.Serialization.JsonIgnoreCondition.Always })
                    continue; // not part of the JSON
                Properties.Add(p);
                p.SetValue(o, Value(p.PropertyType, depth + 1));
            }
            return o;
        }
    }
}
