using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json.Serialization;

namespace FoundryIde.Server.Rpc;

/// <summary>What `connection/test` (and `foundry-ide test`) should try.</summary>
/// <param name="Resource">The Foundry resource, by name (as `resources` lists it).</param>
/// <param name="Subscription">Where to look for it (id or name); default: every visible subscription.</param>
/// <param name="Opus">The deployment to test for Claude Code's opus alias; default: the newest healthy opus one.</param>
/// <param name="Fable">The deployment to test for Claude Code's fable alias; default: the newest healthy fable one.</param>
/// <param name="Auth">entra or key; default: whatever Claude Code would use here.</param>
/// <param name="ApiKey">A key from the editor's secret store, standing in for ANTHROPIC_FOUNDRY_API_KEY. Never logged or returned.</param>
public sealed record ConnectionTestParams(
    string Resource,
    string? Subscription = null,
    string? Opus = null,
    string? Sonnet = null,
    string? Haiku = null,
    [property: AllowedValues(ConnectionAuthMode.Entra, ConnectionAuthMode.Key, null)] string? Auth = null,
    string? ApiKey = null,
    string? Fable = null)
{
    /// <summary>Like the generated one, with <see cref="ApiKey"/> masked: a record's ToString must not leak it into a log.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Resource = {Resource}, Subscription = {Subscription}, Opus = {Opus}, Sonnet = {Sonnet}, Haiku = {Haiku}, ");
        builder.Append($"Auth = {Auth}, ApiKey = {(ApiKey is null ? "" : "***")}, Fable = {Fable}");
        return true;
    }
}

/// <summary>One streaming Messages request per chosen deployment, sent as Claude Code would send it.</summary>
/// <param name="Endpoint">The resource's Foundry endpoint as ARM reports it.</param>
/// <param name="Auth">"ApiKey", "AuthToken", or the Entra ID link that gave the token (e.g. "AzureCliCredential").</param>
/// <param name="Warnings">About the choice of deployments (a family with no healthy deployment, say).</param>
public sealed record ConnectionTestReport(
    string Resource, string Endpoint, string Auth, IReadOnlyList<DeploymentTestResult> Results, IReadOnlyList<string> Warnings)
{
    /// <summary>Something was tested, and every test passed.</summary>
    [JsonIgnore]
    public bool Passed => Results.Count > 0 && Results.All(r => r.Status == ConnectionTestStatus.Ok);
}

/// <param name="Family">fable, opus, sonnet or haiku: the Claude Code alias this deployment serves.</param>
/// <param name="Deployment">The deployment name, sent as `model`.</param>
/// <param name="Status">ok or failed.</param>
/// <param name="LatencyMs">From sending the request to the end of the streamed reply.</param>
/// <param name="FirstByteMs">From sending the request to the response's headers.</param>
/// <param name="HttpStatus">The status Foundry answered with; null when no answer came.</param>
/// <param name="Detail">What happened, in plain words.</param>
/// <param name="Fix">What to do about it; null when it worked.</param>
public sealed record DeploymentTestResult(
    [property: AllowedValues(Discovery.DeploymentFamily.Fable, Discovery.DeploymentFamily.Opus, Discovery.DeploymentFamily.Sonnet, Discovery.DeploymentFamily.Haiku, Discovery.DeploymentFamily.Other)] string Family, string Deployment,
    [property: AllowedValues(ConnectionTestStatus.Ok, ConnectionTestStatus.Failed)] string Status, long? LatencyMs, long? FirstByteMs, int? HttpStatus, string Detail, string? Fix);

public static class ConnectionTestStatus
{
    public const string Ok = "ok";
    public const string Failed = "failed";
}

/// <summary>The values of <see cref="ConnectionTestParams.Auth"/>.</summary>
public static class ConnectionAuthMode
{
    public const string Entra = "entra";
    public const string Key = "key";
}
