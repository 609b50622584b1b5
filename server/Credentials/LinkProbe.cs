using Azure;
using Azure.Core;
using Azure.Identity;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Credentials;

/// <summary>What one link did when asked for a Foundry token. Only the identity is kept, never the token.</summary>
public sealed record LinkOutcome(string Name, string Status, string Detail, string? Fix, IdentityInfo? Identity, FixCommand? Run = null)
{
    public CredentialLinkReport ToReport() => new(Name, Status, Detail, Fix, Run);
}

/// <summary>Asks one link for a token with the scope Claude Code uses, within a deadline.</summary>
public sealed class LinkProbe(ICredentialLinkFactory factory, IEnvironmentReader environment)
{
    /// <summary>The scope Claude Code requests for Foundry.</summary>
    public const string FoundryScope = "https://cognitiveservices.azure.com/.default";

    public async Task<LinkOutcome> ProbeAsync(string link, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var credential = factory.Create(link, timeout);
            var token = await credential.GetTokenAsync(new TokenRequestContext([FoundryScope]), deadline.Token);
            var identity = TokenClaims.Identity(token.Token);
            var who = identity?.Name ?? identity?.ObjectId ?? "an identity whose token has no readable claims";
            return new LinkOutcome(link, LinkStatus.Ok,
                $"Got a Foundry token for {who} (expires {token.ExpiresOn.UtcDateTime:yyyy-MM-dd HH:mm} UTC).",
                null, identity);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return LinkAdvice.TimedOut(link, timeout);
        }
        catch (CredentialUnavailableException e)
        {
            return LinkAdvice.Explain(link, LinkStatus.Unavailable, e.Message, environment);
        }
        catch (Exception e) when (e is AuthenticationFailedException or RequestFailedException
            or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return LinkAdvice.Explain(link, LinkStatus.Failed, e.Message, environment);
        }
    }
}
