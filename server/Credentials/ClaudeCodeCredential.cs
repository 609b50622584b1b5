using Azure.Core;
using Azure.Identity;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Credentials;

/// <summary>
/// A TokenCredential that behaves as Claude Code's chain does (same links, same order, a hard failure ends it), so
/// that everything FoundryIde asks Azure is asked as the identity Claude Code will use. It remembers the link that
/// worked and caches tokens per scope until shortly before they expire: the Azure CLI link spawns `az` for every
/// token otherwise, and ArmClient and our REST pipeline would each ask.
/// </summary>
public sealed class ClaudeCodeCredential(ICredentialLinkFactory factory, IEnvironmentReader environment, LinkOptions? options = null)
    : TokenCredential, IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LinkTimeout = TimeSpan.FromSeconds(20);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, AccessToken> _tokens = new(StringComparer.Ordinal);
    private TokenCredential? _winner;

    /// <summary>The link that produced the last token (null before the first one).</summary>
    public string? SelectedLink { get; private set; }

    /// <summary>Who the last token was issued to, from its claims (null before the first token, or when it has none).</summary>
    public IdentityInfo? Identity { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (requestContext.TenantId is null && options?.TenantId is { } tenant)
        {
            // A pinned tenant: every link is asked for a token in it (az/pwsh/azd also have it as their option).
            requestContext = new TokenRequestContext(requestContext.Scopes, requestContext.ParentRequestId, requestContext.Claims, tenant,
                requestContext.IsCaeEnabled);
        }

        var key = string.Join(' ', requestContext.Scopes) + "|" + requestContext.TenantId + "|" + requestContext.Claims;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_tokens.TryGetValue(key, out var cached) && cached.ExpiresOn - RefreshMargin > DateTimeOffset.UtcNow)
            {
                return cached;
            }

            var token = await AcquireAsync(requestContext, cancellationToken);
            _tokens[key] = token;
            Identity = TokenClaims.Identity(token.Token) ?? Identity;
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets tokens and the chosen link (after the user signs in again, say).</summary>
    public void Reset()
    {
        _gate.Wait();
        try
        {
            _tokens.Clear();
            _winner = null;
            SelectedLink = null;
            Identity = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<AccessToken> AcquireAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (_winner is not null)
        {
            return await _winner.GetTokenAsync(requestContext, cancellationToken);
        }

        var plan = ClaudeCodeChain.Plan(environment);
        if (plan.BlockingProblem is not null)
        {
            throw new FoundryException(FoundryErrorCode.NoCredential, plan.BlockingProblem);
        }

        var unavailable = new List<string>();
        foreach (var link in plan.Links)
        {
            var credential = factory.Create(link, LinkTimeout, options);
            try
            {
                var token = await credential.GetTokenAsync(requestContext, cancellationToken);
                (_winner, SelectedLink) = (credential, link);
                return token;
            }
            catch (CredentialUnavailableException)
            {
                unavailable.Add(link);
            }
            catch (AuthenticationFailedException e)
            {
                throw new FoundryException(FoundryErrorCode.NoCredential,
                    $"{link} failed ({FirstSentence(e.Message)}), and like Claude Code we stop at a failed link. " +
                    "Run `foundry-ide doctor` for the fix.", e);
            }
        }

        throw new FoundryException(FoundryErrorCode.NoCredential,
            $"No Azure credential works here ({string.Join(", ", unavailable)} unavailable). " +
            "Sign in with `az login`, or run `foundry-ide doctor` to see every option.");
    }

    private static string FirstSentence(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        var end = line.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 && end < 300 ? line[..end] : line[..Math.Min(line.Length, 300)];
    }
}
