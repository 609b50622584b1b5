using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Deploy;

/// <summary>Runs `foundry-ide deploy --json` against an emulator as the default service principal.</summary>
internal static class DeployRun
{
    public const string Sub = DefaultSeed.SubscriptionId;

    /// <summary>The organisation details a new deployment needs (modelProviderData), as CLI options.</summary>
    public const string Org = "--organization Contoso --industry Technology --country us";

    /// <summary>A fresh emulator where the service principal is Owner of the first subscription (it may write there).</summary>
    public static Task<AzureEmulator> StartAsync(Action<EmulatorState>? seed, CancellationToken cancellationToken, bool owner = true)
    {
        var state = EmulatorState.CreateDefault();
        if (owner) state.RoleGrants.Add(RolePermissions.Owner(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{Sub}"));
        state.OperationRetryAfterSeconds = 0;
        seed?.Invoke(state);
        return AzureEmulator.StartAsync(state, TestAzure.Ca, new EmulatorOptions { LoopbackEndpoints = true }, cancellationToken);
    }

    /// <summary>An emulator whose long-running operations take 1000 polls a second apart: a deploy is caught mid-way.</summary>
    public static Task<AzureEmulator> StartWithSlowOperationsAsync(CancellationToken cancellationToken) => StartAsync(s =>
    {
        s.OperationPolls = 1000;
        s.OperationRetryAfterSeconds = 1;
    }, cancellationToken);

    public static async Task<(CliResult Cli, JsonElement Json)> RunAsync(
        AzureEmulator emulator, string arguments, Dictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var cli = await Sidecar.RunAsync($"deploy --json {Discover.CloudArguments(emulator)} {arguments}",
            env ?? TestIdentity.ServicePrincipal(emulator), timeout ?? TimeSpan.FromSeconds(90));
        if (!cli.Stdout.TrimStart().StartsWith('{')) return (cli, default);
        using var document = JsonDocument.Parse(cli.Stdout);
        return (cli, document.RootElement.Clone());
    }

    /// <summary>The deployment PUTs the emulator has seen.</summary>
    public static RequestLogEntry[] DeploymentPuts(AzureEmulator emulator) =>
        [.. emulator.Requests.Snapshot().Where(r => r.Method == "PUT" && r.Path.Contains("/deployments/", StringComparison.Ordinal))];

    public static JsonElement Verdict(JsonElement json, string check, string status) =>
        json.GetProperty("plan").GetProperty("preflight").EnumerateArray()
            .FirstOrDefault(v => v.GetProperty("check").GetString() == check && v.GetProperty("status").GetString() == status);

    public static string[] Statuses(JsonElement json, string check) =>
        [.. json.GetProperty("plan").GetProperty("preflight").EnumerateArray()
            .Where(v => v.GetProperty("check").GetString() == check).Select(v => v.GetProperty("status").GetString()!)];

    public static JsonElement[] Calls(JsonElement json, string method) =>
        [.. json.GetProperty("plan").GetProperty("calls").EnumerateArray().Where(c => c.GetProperty("method").GetString() == method)];

    public static JsonElement Deployment(JsonElement json, string family) =>
        json.GetProperty("deployments").EnumerateArray().Single(d => d.GetProperty("family").GetString() == family);

    /// <summary>No write reached the emulator (reads, domain checks and token requests only).</summary>
    public static void AssertNothingWritten(AzureEmulator emulator)
    {
        var writes = emulator.Requests.Snapshot().Where(r => r.Method is "PUT" or "DELETE" or "PATCH"
            || (r.Method == "POST" && !r.Path.Contains("/checkDomainAvailability?", StringComparison.Ordinal) && !r.Path.Contains("/oauth2/", StringComparison.Ordinal)
                && !r.Path.EndsWith("/token", StringComparison.Ordinal))).ToList();
        Assert.IsEmpty(writes, string.Join(", ", writes.Select(w => $"{w.Method} {w.Path}")));
    }
}
