namespace FoundryIde.Server.Credentials;

/// <summary>
/// The credential links Claude Code tries, in its order. Claude Code bundles @azure/identity 4.10, whose
/// DefaultAzureCredential reads AZURE_TOKEN_CREDENTIALS: "prod" keeps the first three links, "dev" the last three,
/// and any other value makes the whole chain throw before it tries anything.
/// </summary>
public static class ClaudeCodeChain
{
    public const string Environment = "EnvironmentCredential";
    public const string WorkloadIdentity = "WorkloadIdentityCredential";
    public const string ManagedIdentity = "ManagedIdentityCredential";
    public const string AzureCli = "AzureCliCredential";
    public const string AzurePowerShell = "AzurePowerShellCredential";
    public const string AzureDeveloperCli = "AzureDeveloperCliCredential";

    public static readonly IReadOnlyList<string> Production = [Environment, WorkloadIdentity, ManagedIdentity];
    public static readonly IReadOnlyList<string> Developer = [AzureCli, AzurePowerShell, AzureDeveloperCli];
    public static readonly IReadOnlyList<string> All = [.. Production, .. Developer];

    /// <summary>The links Claude Code would try here, or the reason it tries none.</summary>
    public static ChainPlan Plan(IEnvironmentReader environment)
    {
        var setting = environment.Read(EnvNames.TokenCredentials)?.Trim();
        return setting?.ToLowerInvariant() switch
        {
            null or "" => new ChainPlan(All, null),
            "dev" => new ChainPlan(Developer, null),
            "prod" => new ChainPlan(Production, null),
            _ => new ChainPlan(All,
                $"AZURE_TOKEN_CREDENTIALS={setting} is not accepted by Claude Code: its Azure library takes only " +
                "'prod' or 'dev' there and fails before trying any credential (\"Invalid value for " +
                "AZURE_TOKEN_CREDENTIALS\"). Fix: unset AZURE_TOKEN_CREDENTIALS, or set it to dev or prod."),
        };
    }
}

/// <param name="Links">The links to probe, in Claude Code's order.</param>
/// <param name="BlockingProblem">When set, Claude Code's chain fails before trying any link.</param>
public sealed record ChainPlan(IReadOnlyList<string> Links, string? BlockingProblem);
