using Azure.Core;
using Azure.Identity;

namespace FoundryIde.Server.Credentials;

/// <summary>The seam where Azure credentials are made: one credential object per link of Claude Code's chain.</summary>
public interface ICredentialLinkFactory
{
    TokenCredential Create(string link, TimeSpan timeout, LinkOptions? options = null);
}

/// <param name="TenantId">Ask for tokens in this tenant: the developer-tool links (az, pwsh, azd) take it as their
/// option, the Entra links (a multi-tenant app) allow it besides AZURE_TENANT_ID.</param>
/// <param name="AuthorityHost">For the Entra links: this authority instead of AZURE_AUTHORITY_HOST.</param>
public sealed record LinkOptions(string? TenantId = null, Uri? AuthorityHost = null);

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

    public TokenCredential Create(string link, TimeSpan timeout, LinkOptions? options = null)
    {
        var authority = options?.AuthorityHost;
        var tenant = options?.TenantId;
        return link switch
        {
            ClaudeCodeChain.Environment => new EnvironmentCredential(Entra(new EnvironmentCredentialOptions(), authority, tenant, timeout)),
            ClaudeCodeChain.WorkloadIdentity => new WorkloadIdentityCredential(Entra(new WorkloadIdentityCredentialOptions(), authority, tenant, timeout)),
            ClaudeCodeChain.ManagedIdentity => CreateManagedIdentity(timeout),
            ClaudeCodeChain.AzureCli => new AzureCliCredential(new AzureCliCredentialOptions { ProcessTimeout = timeout, TenantId = tenant }),
            ClaudeCodeChain.AzurePowerShell => new AzurePowerShellCredential(
                new AzurePowerShellCredentialOptions { ProcessTimeout = timeout, TenantId = tenant }),
            ClaudeCodeChain.AzureDeveloperCli => new AzureDeveloperCliCredential(
                new AzureDeveloperCliCredentialOptions { ProcessTimeout = timeout, TenantId = tenant }),
            _ => throw new ArgumentOutOfRangeException(nameof(link), link, "Not a link of Claude Code's chain."),
        };
    }

    private T Entra<T>(T options, Uri? authority, string? tenant, TimeSpan timeout)
        where T : TokenCredentialOptions
    {
        if (authority is not null) options.AuthorityHost = authority;
        var host = authority?.ToString() ?? environment.Read(EnvNames.AuthorityHost);
        var custom = host is not null && Uri.TryCreate(host, UriKind.Absolute, out var uri)
            && !PublicAuthorityHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
        switch (options)
        {
            case EnvironmentCredentialOptions e:
                e.DisableInstanceDiscovery = custom;
                if (tenant is not null) e.AdditionallyAllowedTenants.Add(tenant);
                break;
            case WorkloadIdentityCredentialOptions w:
                w.DisableInstanceDiscovery = custom;
                if (tenant is not null) w.AdditionallyAllowedTenants.Add(tenant);
                break;
        }

        return Configure(options, timeout);
    }

    private ImdsCheckedCredential CreateManagedIdentity(TimeSpan timeout)
    {
        var clientId = environment.Read(EnvNames.ClientId);
        var id = clientId is null
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(clientId);
        var options = Configure(new ManagedIdentityCredentialOptions(id), timeout);
        // A probe, not a workload: one quick try. A real identity endpoint answers in milliseconds.
        options.Retry.MaxRetries = 0;
        return new ImdsCheckedCredential(new ManagedIdentityCredential(options), environment);
    }

    private static T Configure<T>(T options, TimeSpan timeout)
        where T : TokenCredentialOptions
    {
        options.Retry.NetworkTimeout = timeout;
        options.Retry.MaxRetries = 1;
        return options;
    }
}

/// <summary>
/// The managed identity link, asked only when its endpoint can be reached at all (see <see cref="ImdsReachability"/>):
/// otherwise Azure.Identity retries an unreachable IMDS for about 26 s before saying it is unavailable.
/// </summary>
internal sealed class ImdsCheckedCredential(TokenCredential inner, IEnvironmentReader environment) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (await ImdsReachability.CheckAsync(environment, cancellationToken) is { } why)
        {
            throw new CredentialUnavailableException(why);
        }

        return await inner.GetTokenAsync(requestContext, cancellationToken);
    }
}
