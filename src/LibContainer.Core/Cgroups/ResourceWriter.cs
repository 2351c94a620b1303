using System.Globalization;

namespace LibContainer.Cgroups;

/// <summary>What the v1 and v2 writers of linux.resources share: the manager they report through, and how numbers
/// are written into control files.</summary>
internal abstract class ResourceWriter(CgroupManager manager)
{
    protected readonly CgroupManager _m = manager;

    protected static string S(long v) => v.ToString(CultureInfo.InvariantCulture);
    protected static string S(ulong v) => v.ToString(CultureInfo.InvariantCulture);
}
