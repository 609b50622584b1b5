using System.Text.Json;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Doctor;

/// <summary>`foundry-ide doctor --json` run as a process, its output read as plain JSON (the documented shape).</summary>
internal sealed record DoctorRun(CliResult Cli, JsonElement Json)
{
    /// <summary>
    /// Each link gets <see cref="ProbeSeconds"/> instead of the default 20 s: `az` is a Python program whose start
    /// alone took over 20 s on the loaded 2-core CI machine, and these tests check verdicts, not how long a probe waits.
    /// </summary>
    private const int ProbeSeconds = 45;

    public static async Task<DoctorRun> RunAsync(IReadOnlyDictionary<string, string> environment, string extra = "")
    {
        var cli = await Sidecar.RunAsync($"doctor --json --timeout {ProbeSeconds} {extra}".TrimEnd(), environment, TimeSpan.FromSeconds(ProbeSeconds + 45));
        using var document = JsonDocument.Parse(cli.Stdout);
        return new DoctorRun(cli, document.RootElement.Clone());
    }

    public string? Selected => Json.GetProperty("selected").GetString();

    public string Status(string link) =>
        Json.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("name").GetString() == link)
            .GetProperty("status").GetString()!;

    public string[] LinkNames => Json.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("name").GetString()!).ToArray();

    public string? Identity(string field) =>
        Json.GetProperty("identity").ValueKind == JsonValueKind.Null ? null : Json.GetProperty("identity").GetProperty(field).GetString();

    public void AssertNoSecret(params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, Cli.Stdout, "a secret in stdout");
            Assert.DoesNotContain(secret, Cli.Stderr, "a secret in stderr");
        }
    }
}
