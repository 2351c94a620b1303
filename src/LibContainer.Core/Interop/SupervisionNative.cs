namespace LibContainer.Interop;

/// <summary>Constants of the container supervisor (`create --supervise`) that Libc and RuntimeNative lack.</summary>
internal static class SupervisionNative
{
    public const int P_ALL = 0;
}
