using Azure.Core;
using Azure.Core.Pipeline;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Connection;

/// <summary>How the probe authenticates: as Claude Code would here, or as the user asked.</summary>
public enum ProbeAuthKind
{
    /// <summary>ANTHROPIC_FOUNDRY_AUTH_TOKEN, sent as is as a bearer token.</summary>
    AuthToken,

    /// <summary>A key of the resource, sent as x-api-key.</summary>
    ApiKey,

    /// <summary>A token from Claude Code's Entra ID chain, for https://cognitiveservices.azure.com/.default.</summary>
    Entra,
}

/// <param name="Label">"AuthToken", "ApiKey", or the chain's link that gave the token.</param>
/// <param name="Policy">The pipeline policy that adds the auth header to each request.</param>
/// <param name="Secret">The key or static token, only to scrub it from text that leaves the process.</param>
/// <param name="Identity">Whom a token is for (from its claims); null for a key.</param>
/// <remarks>A class, not a record: a record's ToString would print the secret.</remarks>
public sealed class ProbeAuth(ProbeAuthKind kind, string label, HttpPipelinePolicy policy, string? secret, IdentityInfo? identity)
{
    public ProbeAuthKind Kind => kind;

    public string Label => label;

    public HttpPipelinePolicy Policy => policy;

    public string? Secret => secret;

    public IdentityInfo? Identity => identity;

    /// <summary>
    /// Claude Code's precedence (ANTHROPIC_FOUNDRY_AUTH_TOKEN, then ANTHROPIC_FOUNDRY_API_KEY, then the Entra ID chain)
    /// unless <paramref name="mode"/> says key or entra. <paramref name="apiKey"/> (the editor's secret store) stands in
    /// for ANTHROPIC_FOUNDRY_API_KEY. An Entra token is fetched now, so that a missing credential fails the whole test.
    /// </summary>
    public static async Task<ProbeAuth> ResolveAsync(
        string? mode, string? apiKey, IEnvironmentReader environment, ClaudeCodeCredential chain, CancellationToken cancellationToken)
    {
        var key = string.IsNullOrEmpty(apiKey) ? environment.Read(EnvNames.FoundryApiKey) : apiKey;
        switch (mode?.Trim().ToLowerInvariant())
        {
            case null or "":
                if (environment.Read(EnvNames.FoundryAuthToken) is { } token)
                {
                    return new ProbeAuth(ProbeAuthKind.AuthToken, DoctorVerdict.AuthToken,
                        new HeaderPolicy("Authorization", "Bearer " + token), token, TokenClaims.Identity(token));
                }

                return key is not null ? KeyAuth(key) : await EntraAsync(chain, cancellationToken);
            case ConnectionAuthMode.Key:
                return key is not null ? KeyAuth(key) : throw new FoundryException(FoundryErrorCode.InvalidInput,
                    "--auth key needs a key: set ANTHROPIC_FOUNDRY_API_KEY to key1 or key2 of the resource " +
                    "(`az cognitiveservices account keys list -g <resource group> -n <resource>`).");
            case ConnectionAuthMode.Entra:
                return await EntraAsync(chain, cancellationToken);
            default:
                throw new FoundryException(FoundryErrorCode.InvalidInput, $"Unknown auth \"{mode}\": use entra or key.");
        }
    }

    private static ProbeAuth KeyAuth(string key) =>
        new(ProbeAuthKind.ApiKey, DoctorVerdict.ApiKey, new HeaderPolicy("x-api-key", key), key, null);

    private static async Task<ProbeAuth> EntraAsync(ClaudeCodeCredential chain, CancellationToken cancellationToken)
    {
        var token = await chain.GetTokenAsync(new TokenRequestContext([LinkProbe.FoundryScope]), cancellationToken);
        return new ProbeAuth(ProbeAuthKind.Entra, chain.SelectedLink ?? "Entra ID",
            new BearerTokenAuthenticationPolicy(chain, LinkProbe.FoundryScope), null, TokenClaims.Identity(token.Token));
    }

    /// <summary>Sets one header on every request (a key, or a token that is never refreshed).</summary>
    private sealed class HeaderPolicy(string name, string value) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue(name, value);
    }
}
