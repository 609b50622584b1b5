using System.Globalization;

namespace FoundryIde.Server.Hosting;

/// <summary>
/// How long one Azure call may take: an ARM call with all its tries and pages, and one Messages probe.
/// FOUNDRYIDE_ARM_DEADLINE_SECONDS and FOUNDRYIDE_PROBE_DEADLINE_SECONDS (1 to 3600) change them, for a very slow link
/// or for tests that wait for a deadline; anything else keeps the defaults.
/// </summary>
public static class Deadlines
{
    public const string ArmVariable = "FOUNDRYIDE_ARM_DEADLINE_SECONDS";
    public const string ProbeVariable = "FOUNDRYIDE_PROBE_DEADLINE_SECONDS";

    public static TimeSpan Arm { get; } = Read(ArmVariable, 60);

    public static TimeSpan Probe { get; } = Read(ProbeVariable, 30);

    public static TimeSpan Read(string variable, int defaultSeconds) =>
        double.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
        && seconds is >= 1 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(defaultSeconds);
}
