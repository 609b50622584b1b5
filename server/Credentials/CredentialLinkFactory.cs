using Azure.Core;
using Azure.Identity;

namespace FoundryIde.Server.Credentials;

/// <summary>The seam where Azure credentials are made: one credential object per link of Claude Code's chain.</summary>
public interface ICredentialLinkFactory
{
    TokenCredential Create(string link, TimeSpan timeout);
}

/// <summary>
/// Builds each link the way Claude Code's DefaultAzureCredential does: AZURE_CLIENT_ID also picks a user-assigned
/// managed identity, AZURE_AUTHORITY_HOST moves every Entra call (and a non-public authority turns off MSAL's
/// instance discovery, which would otherwise call the public cloud).
/// </summary>
public sealed class AzureIdentityLinkFactory(IEnvironmentReader environment) : ICredentialLinkFactory
{
    private static readonly string[] PublicAuthorityHosts =
    [
        "login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn", "login.microsoftonline.de",
    ];

    public TokenCredential Create(string link, TimeSpan timeout) => link switch
    {
        ClaudeCodeChain.Environment => new EnvironmentCredential(
            Configure(new EnvironmentCredentialOptions { DisableInstanceDiscovery = IsCustomAuthority() }, timeout)),
        ClaudeCodeChain.WorkloadIdentity => new WorkloadIdentityCredential(
            Configure(new WorkloadIdentityCredentialOptions { DisableInstanceDiscovery = IsCustomAuthority() }, timeout)),
        ClaudeCodeChain.ManagedIdentity => CreateManagedIdentity(timeout),
        ClaudeCodeChain.AzureCli => new AzureCliCredential(new AzureCliCredentialOptions { ProcessTimeout = timeout }),
        ClaudeCodeChain.AzurePowerShell => new AzurePowerShellCredential(
            new AzurePowerShellCredentialOptions { ProcessTimeout = timeout }),
        ClaudeCodeChain.AzureDeveloperCli => new AzureDeveloperCliCredential(
            new AzureDeveloperCliCredentialOptions { ProcessTimeout = timeout }),
        _ => throw new ArgumentOutOfRangeException(nameof(link), link, "Not a link of Claude Code's chain."),
    };

    private ManagedIdentityCredential CreateManagedIdentity(TimeSpan timeout)
    {
        var clientId = environment.Read(EnvNames.ClientId);
        var id = clientId is null
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(clientId);
        var options = Configure(new ManagedIdentityCredentialOptions(id), timeout);
        // A probe, not a workload: one quick try. A real identity endpoint answers in milliseconds.
        options.Retry.MaxRetries = 0;
        return new ManagedIdentityCredential(options);
    }

    private static T Configure<T>(T options, TimeSpan timeout)
        where T : TokenCredentialOptions
    {
        options.Retry.NetworkTimeout = timeout;
        options.Retry.MaxRetries = 1;
        return options;
    }

    private bool IsCustomAuthority()
    {
        var host = environment.Read(EnvNames.AuthorityHost);
        return host is not null
            && Uri.TryCreate(host, UriKind.Absolute, out var uri)
            && !PublicAuthorityHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
    }
}
