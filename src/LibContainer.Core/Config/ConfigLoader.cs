using System.Text.Json;
using LibContainer.Config.Codec;

namespace LibContainer.Config;

/// <summary>
/// Reads configs: OCI config.json or the seed's container.json (told apart by content), converted to the OCI model
/// and validated. Every failure is a <see cref="ConfigException"/> listing all problems found.
/// </summary>
public static class ConfigLoader
{
    static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false, // runc (Go encoding/json) refuses them
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Loads an OCI config.json or a seed container.json (detected by content), converts to the OCI model
    /// and validates; throws ConfigException with all errors (malformed JSON: line and column).</summary>
    public static Spec Load(string path) => Load(path, ConfigLoadOptions.Default);

    public static Spec Load(string path, ConfigLoadOptions options)
    {
        string json = ReadFile(path);
        string dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        return Parse(json, path, options with { SeedRootPath = options.SeedRootPath ?? dir });
    }

    /// <summary>Loads BUNDLE/config.json (or BUNDLE/container.json) and resolves root.path against the bundle.</summary>
    public static Spec LoadBundle(string bundleDir) => LoadBundle(bundleDir, ConfigLoadOptions.Default);

    public static Spec LoadBundle(string bundleDir, ConfigLoadOptions options)
    {
        string bundle = Path.GetFullPath(bundleDir);
        string file = Path.Combine(bundle, "config.json");
        if (!File.Exists(file)) file = Path.Combine(bundle, "container.json");
        if (!File.Exists(file))
            throw new ConfigException([new ConfigError("$", $"no config.json or container.json in bundle {bundle}")], bundle);
        Spec spec = Load(file, options);
        if (spec.Root is { Path: { Length: > 0 } root } && !Path.IsPathRooted(root))
            spec.Root.Path = Path.GetFullPath(Path.Combine(bundle, root));
        return spec;
    }

    public static Spec Parse(string json, string? source = null) => Parse(json, source, ConfigLoadOptions.Default);

    public static Spec Parse(string json, string? source, ConfigLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);
        (Spec spec, ConfigFormat format, bool hasVersion) = Read(json, source, options);
        UnsetResourceValues.Clear(spec);
        if (options.Validate)
        {
            bool requireArgs = options.RequireProcessArgs ?? format == ConfigFormat.Oci;
            var errors = new List<ConfigError>();
            // The model defaults ociVersion to the current version; a config.json must still state it.
            if (!hasVersion) errors.Add(new ConfigError("ociVersion", "is required (expected 1.x.y)"));
            errors.AddRange(ConfigValidator.Validate(spec, new ValidationOptions { RequireProcessArgs = requireArgs }));
            if (errors.Count > 0) throw new ConfigException(errors, source);
        }
        return spec;
    }

    /// <summary>The OCI config.json text of a spec (indented; unknown fields kept).</summary>
    public static string ToJson(Spec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // Config files are not HTML: '"', '+', '<', non-ASCII written as themselves (as runc does), not as \u0022 etc.
        return SpecWriter.ToJson(spec, SpecWriter.Write, SpecWriter.IndentedPlain);
    }

    /// <summary>Tells an OCI config.json from a seed container.json; throws ConfigException on malformed JSON.</summary>
    public static ConfigFormat DetectFormat(string json, string? source = null)
    {
        var (rootKind, hasVersion, seedKeys) = Scan(System.Text.Encoding.UTF8.GetBytes(json), json, source);
        return rootKind == JsonValueKind.Object && !hasVersion && seedKeys ? ConfigFormat.Seed : ConfigFormat.Oci;
    }

    static (Spec Spec, ConfigFormat Format, bool HasVersion) Read(string json, string? source, ConfigLoadOptions options)
    {
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        var (rootKind, hasVersion, seedKeys) = Scan(utf8, json, source);
        if (rootKind != JsonValueKind.Object)
            throw new ConfigException([new ConfigError("$", $"a config must be a JSON object, not {Kind(rootKind)}")], source);

        if (!hasVersion && seedKeys)
        {
            using JsonDocument doc = ParseDocument(json, source);
            var errors = new List<ConfigError>();
            Spec? seed = null;
            try
            {
                seed = SeedConfigReader.Convert(doc.RootElement, options.SeedRootPath, errors);
            }
            catch (Exception e) when (e is not ConfigException and not OutOfMemoryException)
            {
                errors.Add(new ConfigError("$", $"cannot convert the container.json: {e.Message}"));
            }
            if (errors.Count > 0 || seed is null) throw new ConfigException(errors, source);
            seed.Format = ConfigFormat.Seed;
            return (seed, ConfigFormat.Seed, true);
        }

        try
        {
            Spec? spec = SpecReader.ReadSpec(utf8);
            if (spec is null) throw new ConfigException([new ConfigError("$", "the config is null")], source);
            return (spec, ConfigFormat.Oci, hasVersion);
        }
        catch (JsonException e)
        {
            throw new ConfigException([JsonErrorText.FromBinding(e, json)], source);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            throw new ConfigException([new ConfigError("$", $"cannot read the config: {e.Message}")], source);
        }
    }

    /// <summary>One reader pass tells the format; a JsonDocument (its pooled buffers cost a short-lived process a
    /// calibration on first use) is built only to word a syntax error exactly as it always was.</summary>
    static (JsonValueKind RootKind, bool HasVersion, bool SeedKeys) Scan(byte[] utf8, string json, string? source)
    {
        if (ScanTopLevel(utf8, out var rootKind, out bool hasVersion, out bool seedKeys)) return (rootKind, hasVersion, seedKeys);
        ParseDocument(json, source).Dispose(); // throws the syntax error
        throw new ConfigException([new ConfigError("$", "cannot read the config: unexpected end or content")], source);
    }

    /// <summary>Reads the whole text once (false on any syntax error): the root's kind, whether it has "ociVersion",
    /// and whether it has a key only the seed's container.json has.</summary>
    static bool ScanTopLevel(byte[] utf8, out JsonValueKind rootKind, out bool hasVersion, out bool seedKeys)
    {
        rootKind = JsonValueKind.Undefined;
        hasVersion = seedKeys = false;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read()) return false;
            rootKind = reader.TokenType switch
            {
                JsonTokenType.StartObject => JsonValueKind.Object,
                JsonTokenType.StartArray => JsonValueKind.Array,
                JsonTokenType.String => JsonValueKind.String,
                JsonTokenType.Number => JsonValueKind.Number,
                JsonTokenType.True => JsonValueKind.True,
                JsonTokenType.False => JsonValueKind.False,
                JsonTokenType.Null => JsonValueKind.Null,
                _ => JsonValueKind.Undefined,
            };
            if (rootKind == JsonValueKind.Object)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("ociVersion"u8)) hasVersion = true;
                    else if (!seedKeys) foreach (string key in SeedOnlyKeys) if (reader.ValueTextEquals(key)) { seedKeys = true; break; }
                    reader.Read();
                    reader.Skip();
                }
            }
            else if (rootKind is JsonValueKind.Array) reader.Skip();
            return !reader.Read(); // anything after the root value is a syntax error: let JsonDocument word it
        }
        catch (JsonException)
        {
            return false;
        }
    }

    static JsonDocument ParseDocument(string json, string? source)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ConfigException([JsonErrorText.FromSyntax(e, json)], source);
        }
    }

    // Keys only the seed's container.json has at top level (OCI keeps namespaces etc. under "linux"); with one of
    // them and no "ociVersion" a config is the seed's.
    static readonly string[] SeedOnlyKeys =
    [
        "capabilities", "namespaces", "mount_config", "cgroups", "restrict_sys", "networks", "routes", "environment",
        "tty", "apparmor_profile", "process_label", "uid_mappings", "gid_mappings", "working_dir", "rlimits",
        "additional_groups", "user",
    ];

    static string ReadFile(string path)
    {
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.AsSpan().StartsWith("\uFEFF"u8)) // File.ReadAllText would drop it silently; runc refuses it
                throw new ConfigException([new ConfigError("$", "malformed JSON at line 1, column 1: a UTF-8 byte order mark is not allowed (runc refuses it too)")], path);
            return new System.Text.UTF8Encoding(false).GetString(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var failed = IoErrors.ToSyscall(e, "open", path);
            var kind = ErrorFacts.KindOf(failed.Errno) == ContainerErrorKind.PermissionDenied ? ContainerErrorKind.PermissionDenied : ContainerErrorKind.ConfigInvalid;
            throw new ConfigException([new ConfigError("$", failed.Message)], path, kind) { Syscall = "open", Errno = failed.Errno, Path = path };
        }
    }

    internal static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
