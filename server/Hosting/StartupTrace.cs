using System.Globalization;

namespace FoundryIde.Server.Hosting;

/// <summary>
/// Start-up timestamps, when FOUNDRYIDE_STARTUP_TRACE=1: each phase notes the wall clock (CLOCK_REALTIME, so a
/// client that noted its own spawn time can subtract), and once the first answer is written they all go to stderr
/// in one write, one "startup-trace PHASE UNIX_MS" line each, so that tracing does not slow the phases it times.
/// Off by default: one environment read, then a static bool. See bench/results.md for what it measured.
/// </summary>
public static class StartupTrace
{
    public const string Variable = "FOUNDRYIDE_STARTUP_TRACE";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) == "1";
    private static readonly List<(string Phase, DateTime At)> Marks = [];
    private static int _flushed;

    public static void Mark(string phase)
    {
        if (!Enabled) return;
        var at = DateTime.UtcNow;
        lock (Marks) Marks.Add((phase, at));
    }

    /// <summary>Marks a phase the first time only (e.g. the first frame read).</summary>
    public static void MarkOnce(ref int flag, string phase)
    {
        if (Enabled && Interlocked.Exchange(ref flag, 1) == 0) Mark(phase);
    }

    /// <summary>Marks the first answer of the stdio session flushed, and prints every mark.</summary>
    public static void MarkFirstAnswer()
    {
        if (!Enabled || Interlocked.Exchange(ref _flushed, 1) == 1) return;
        Mark("first-answer-written");
        var text = new System.Text.StringBuilder();
        lock (Marks)
        {
            foreach (var (phase, at) in Marks)
            {
                text.Append(CultureInfo.InvariantCulture, $"startup-trace {phase} {(at - DateTime.UnixEpoch).TotalMilliseconds:F3}\n");
            }
        }

        Console.Error.Write(text.ToString());
    }
}
