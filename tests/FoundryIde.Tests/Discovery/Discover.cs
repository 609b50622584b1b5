using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Discovery;

/// <summary>Runs `foundry-ide resources --json` against an emulator, as the default service principal.</summary>
internal static class Discover
{
    /// <summary>
    /// The emulator as a custom cloud. An emulator with loopback endpoints (https://127.0.0.1:PORT/accounts/x/) needs
    /// its address as the Foundry suffix, or no key or token may go there; <paramref name="foundrySuffix"/> overrides it.
    /// </summary>
    public static string CloudArguments(AzureEmulator emulator, string? foundrySuffix = null) =>
        $"--arm-endpoint {emulator.BaseUri} --authority-host {emulator.AuthorityHost}" +
        ((foundrySuffix ?? LoopbackSuffix(emulator)) is { } suffix ? $" --foundry-suffix {suffix}" : "");

    /// <summary>The same custom cloud for the sidecar, as `initialize`'s settings.</summary>
    public static InitializeParams RpcSettings(AzureEmulator emulator, string? tenant = null) => new("tests", "1",
        new CloudSettings(ArmEndpoint: emulator.BaseUri.ToString(), AuthorityHost: emulator.AuthorityHost, Tenant: tenant,
            FoundrySuffix: LoopbackSuffix(emulator)));

    /// <summary>127.0.0.1:PORT for an emulator whose accounts report loopback endpoints, else null (public host names).</summary>
    public static string? LoopbackSuffix(AzureEmulator emulator) =>
        emulator.Options.LoopbackEndpoints ? $"127.0.0.1:{emulator.Port}" : null;

    public static async Task<Listing> RunAsync(AzureEmulator emulator, string extra = "", Dictionary<string, string>? env = null)
    {
        var cli = await Sidecar.RunAsync($"resources --json {CloudArguments(emulator)} {extra}".TrimEnd(), env ?? TestIdentity.ServicePrincipal(emulator));
        if (cli.ExitCode is not (0 or 3)) return new Listing(cli, default);
        using var document = JsonDocument.Parse(cli.Stdout);
        return new Listing(cli, document.RootElement.Clone());
    }
}

internal sealed record Listing(CliResult Cli, JsonElement Json)
{
    public JsonElement[] Resources => Json.GetProperty("resources").EnumerateArray().ToArray();

    public JsonElement[] Errors => Json.GetProperty("errors").EnumerateArray().ToArray();

    public string[] Names => Resources.Select(r => r.GetProperty("name").GetString()!).ToArray();

    public JsonElement Resource(string name) => Resources.Single(r => r.GetProperty("name").GetString() == name);

    public string[] DeploymentNames(string resource) =>
        Resource(resource).GetProperty("deployments").EnumerateArray().Select(d => d.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray();

    public int DeploymentCount => Resources.Sum(r => r.GetProperty("deployments").GetArrayLength());
}
