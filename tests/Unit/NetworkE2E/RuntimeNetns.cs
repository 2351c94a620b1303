using System.Security.Cryptography;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.Network;
using LibContainer.Runtime;
using LibContainer.Tests.Runtime;
using Xunit;

namespace LibContainer.Tests.NetworkE2E;

/// <summary>
/// A network namespace `lc-e2e-XXXXXX` that stands in for the host: the published nsinit runs inside it
/// (`nsenter --net=/run/netns/NS nsinit --root R ...`), so the bridge, the host veth ends and every 172.17.x address exist only
/// there. Dispose deletes every container from inside the namespace (so their teardown acts there), then the
/// namespace, then the harness's bundles and root.
/// </summary>
public sealed class RuntimeNetns : IDisposable
{
    public const string BridgeAddress = "172.17.42.1/16";
    public const string Gateway = "172.17.42.1";

    public RuntimeNetns()
    {
        Harness = new NsinitHarness();
        Name = "lc-e2e-" + TestRun.Tag + RandomNumberGenerator.GetHexString(6, lowercase: true);
        Ip("netns", "add", Name);
        Ip("-n", Name, "link", "set", "lo", "up");
    }

    public NsinitHarness Harness { get; }
    public string Name { get; }

    /// <summary>nsinit inside the namespace, with the harness's private state root. `nsenter --net` rather than
    /// `ip netns exec`: the latter remounts /sys in a private mount namespace, which hides /sys/fs/cgroup.</summary>
    public NsinitResult Nsi(params string[] args) =>
        NsinitHarness.RunProcess("nsenter", new[] { "--net=/run/netns/" + Name, "--", Harness.Nsinit, "--root", Harness.Root }.Concat(args).ToArray());

    /// <summary>Any command inside the namespace ("the host" side), e.g. ping or ip.</summary>
    public NsinitResult Exec(params string[] args) =>
        NsinitHarness.RunProcess("ip", new[] { "netns", "exec", Name }.Concat(args).ToArray());

    /// <summary>`ip -n NS ARGS`; throws on failure.</summary>
    public string IpHere(params string[] args) => Ip(new[] { "-n", Name }.Concat(args).ToArray());

    public static string Ip(params string[] args)
    {
        var r = NsinitHarness.RunProcess("ip", args);
        Assert.True(r.ExitCode == 0, $"ip {string.Join(' ', args)}: {r}");
        return r.Stdout;
    }

    /// <summary>Names of the veth devices in the namespace (the host ends).</summary>
    public List<string> Veths() => IpHere("-o", "link", "show", "type", "veth")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => l.Split(':')[1].Trim().Split('@')[0]).ToList();

    /// <summary>The default spec with a veth on bridge lc0 (created by the runtime with <see cref="BridgeAddress"/>).</summary>
    public Spec VethSpec(string address, string[] args, Action<NetworkConfig>? adjust = null, List<NetworkRoute>? routes = null)
    {
        var spec = Harness.DefaultSpec(args);
        var veth = new NetworkConfig
        {
            Type = NetworkTypes.Veth, Bridge = "lc0", BridgeAddress = BridgeAddress, Address = address, Gateway = Gateway, VethPrefix = "lce",
        };
        adjust?.Invoke(veth);
        SpecNetworks.SetNetworks(spec, new List<NetworkConfig> { new() { Type = NetworkTypes.Loopback }, veth });
        if (routes is not null) SpecNetworks.SetRoutes(spec, routes);
        return spec;
    }

    public string Create(Spec spec, string? id = null, bool start = true)
    {
        id ??= NsinitHarness.NewId();
        var r = Nsi("create", "--bundle", Harness.Bundle(spec), id);
        Assert.True(r.ExitCode == 0, "create: " + r);
        if (start)
        {
            var s = Nsi("start", id);
            Assert.True(s.ExitCode == 0, "start: " + s);
        }
        return id;
    }

    public NsinitResult Run(Spec spec) => Nsi("run", "--bundle", Harness.Bundle(spec), NsinitHarness.NewId());

    public ContainerStateRecord Record(string id) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(Harness.Root, id, "state.json")), StateJsonContext.Default.ContainerStateRecord)!;

    public void Delete(string id)
    {
        var r = Nsi("delete", "--force", id);
        Assert.True(r.ExitCode == 0, "delete: " + r);
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Harness.Root))
                foreach (var dir in Directory.GetDirectories(Harness.Root))
                    Nsi("delete", "--force", Path.GetFileName(dir));
        }
        finally
        {
            NsinitHarness.RunProcess("ip", new[] { "netns", "del", Name });
            Harness.Dispose();
        }
    }
}
