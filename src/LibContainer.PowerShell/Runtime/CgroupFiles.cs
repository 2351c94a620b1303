namespace LibContainer.PowerShell.Runtime;

/// <summary>
/// Finds a container's cgroup files across v1, v2 and hybrid layouts: the directories recorded in state.json,
/// else the ones /proc/PID/cgroup names. (Stand-in until Core's ICgroupManager.GetStats is on main.)
/// </summary>
internal sealed class CgroupFiles
{
    private readonly List<string> _dirs;

    private CgroupFiles(List<string> dirs) => _dirs = dirs;

    public static CgroupFiles For(Container c, string cgroupRoot = "/sys/fs/cgroup")
    {
        var dirs = c.CgroupPaths.Values.Where(Directory.Exists).Distinct().ToList();
        if (dirs.Count == 0 && c.Pid > 0) dirs = FromProc(c.Pid, cgroupRoot);
        return new CgroupFiles(dirs);
    }

    public bool Any => _dirs.Count > 0;

    public IReadOnlyList<string> Directories => _dirs;

    public string? Read(string file)
    {
        foreach (var d in _dirs)
        {
            var path = Path.Combine(d, file);
            try { if (File.Exists(path)) return File.ReadAllText(path).Trim(); }
            catch (IOException) { }
        }
        return null;
    }

    public ulong? ReadNumber(string file) => Read(file) is { } s && ulong.TryParse(s, out var v) ? v : null;

    /// <summary>A "key value" line of a flat keyed file (memory.events, memory.oom_control, cpu.stat).</summary>
    public ulong? ReadKey(string file, string key)
    {
        if (Read(file) is not { } text) return null;
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == key && ulong.TryParse(parts[1], out var v)) return v;
        }
        return null;
    }

    private static List<string> FromProc(int pid, string root)
    {
        var dirs = new List<string>();
        string[] lines;
        try { lines = File.ReadAllLines($"/proc/{pid}/cgroup"); }
        catch (IOException) { return dirs; }
        foreach (var line in lines)
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3) continue;
            var rel = parts[2].TrimStart('/');
            if (parts[1].Length == 0)
            {
                var unified = Path.Combine(root, "unified", rel);
                dirs.Add(Directory.Exists(Path.Combine(root, "unified")) ? unified : Path.Combine(root, rel));
            }
            else
            {
                foreach (var controller in parts[1].Split(','))
                {
                    var name = controller.StartsWith("name=", StringComparison.Ordinal) ? controller[5..] : controller;
                    dirs.Add(Path.Combine(root, name, rel));
                    dirs.Add(Path.Combine(root, parts[1], rel));
                }
            }
        }
        return dirs.Where(Directory.Exists).Distinct().ToList();
    }
}
