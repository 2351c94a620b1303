using System.Globalization;

namespace LibContainer.Config.Validation;

/// <summary>Syntax checks shared by several rules: CPU/node lists, interface names.</summary>
internal static class ListSyntax
{
    /// <summary>"0-3,5": comma-separated numbers or ascending ranges (cpuset, NUMA nodes).</summary>
    public static bool IsCpuList(string? list)
    {
        if (string.IsNullOrEmpty(list)) return false;
        foreach (string part in list.Split(','))
        {
            string[] range = part.Split('-');
            if (range.Length > 2 || !IsNumber(range[0])) return false;
            if (range.Length == 2 && (!IsNumber(range[1]) || Num(range[1]) < Num(range[0]))) return false;
        }
        return true;
    }

    static bool IsNumber(string s) => s.Length is > 0 and <= 9 && s.All(char.IsAsciiDigit);

    static int Num(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>A Linux interface name: 1..15 bytes, not "." or "..", no '/', ':' or whitespace.</summary>
    public static bool IsInterfaceName(string? name)
        => name is { Length: > 0 and <= 15 } && name is not "." and not ".."
           && name.All(c => c > ' ' && c < 127 && c != '/' && c != ':');
}
