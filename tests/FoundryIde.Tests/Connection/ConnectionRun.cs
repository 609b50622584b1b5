using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Connection;

/// <summary>`foundry-ide test --json` run as a process, its output read as plain JSON (the documented shape).</summary>
internal sealed record ConnectionRun(CliResult Cli, JsonElement Json)
{
    /// <summary>An emulator whose accounts report https://127.0.0.1:P/accounts/{subdomain}/ as their Foundry endpoint.</summary>
    public static Task<AzureEmulator> StartLoopbackAsync(CancellationToken cancellationToken) =>
        AzureEmulator.StartAsync(EmulatorState.CreateDefault(), TestAzure.Ca, new EmulatorOptions { LoopbackEndpoints = true }, cancellationToken);

    /// <summary>The default service principal (for ARM), plus a key for the probe when given.</summary>
    public static Dictionary<string, string> Environment(AzureEmulator emulator, string? apiKey = null)
    {
        var env = TestIdentity.ServicePrincipal(emulator);
        if (apiKey is not null) env["ANTHROPIC_FOUNDRY_API_KEY"] = apiKey;
        return env;
    }

    public static async Task<ConnectionRun> RunAsync(
        AzureEmulator? emulator, IReadOnlyDictionary<string, string> environment, string arguments, string? foundrySuffix = null)
    {
        var cloud = emulator is null ? "" : " " + Discover.CloudArguments(emulator, foundrySuffix);
        var cli = await Sidecar.RunAsync($"test --json {arguments}{cloud}", environment);
        if (!cli.Stdout.TrimStart().StartsWith('{')) return new ConnectionRun(cli, default);
        using var document = JsonDocument.Parse(cli.Stdout);
        return new ConnectionRun(cli, document.RootElement.Clone());
    }

    public string? Auth => Json.GetProperty("auth").GetString();

    public JsonElement[] Results => Json.ValueKind == JsonValueKind.Undefined
        ? throw new AssertFailedException("no JSON report: " + Cli)
        : Json.GetProperty("results").EnumerateArray().ToArray();

    public string[] Warnings => Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();

    public JsonElement Result(string family) => Results.Single(r => r.GetProperty("family").GetString() == family);

    public static string Text(JsonElement result, string field) => result.GetProperty(field).GetString() ?? "";

    public void AssertNoSecret(params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, Cli.Stdout, "a secret in stdout");
            Assert.DoesNotContain(secret, Cli.Stderr, "a secret in stderr");
        }
    }
}
