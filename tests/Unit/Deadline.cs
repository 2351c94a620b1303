namespace LibContainer.Tests;

/// <summary>Waiting for a condition with a deadline (never sleep-then-assert).</summary>
internal static class Deadline
{
    /// <summary>Polls until the condition holds (true) or the time is up (false).</summary>
    public static bool WaitFor(Func<bool> condition, int timeoutMs = 10000)
    {
        var end = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > end) return false;
            Thread.Sleep(20);
        }
        return true;
    }
}
