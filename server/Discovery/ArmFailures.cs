using System.Security.Authentication;
using Azure;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Discovery;

/// <summary>Turns what ARM said into a sentence a person can act on, naming what is missing.</summary>
public static class ArmFailures
{
    public static string Describe(Exception e, string what) => e switch
    {
        // Azure.Core's retry policy throws every try's failure together: the last one says what happened.
        AggregateException { InnerExceptions.Count: > 0 } all =>
            Describe(all.InnerExceptions[^1], what) + (all.InnerExceptions.Count > 1 ? $" ({all.InnerExceptions.Count} tries)" : ""),
        RequestFailedException { Status: 401 } r =>
            $"{what}: Azure refused the token (401 {r.ErrorCode}). Sign in again (`az login`) and retry.",
        RequestFailedException { Status: 403 } r =>
            $"{what}: no access (403 {r.ErrorCode}). The signed-in identity needs at least Reader there; ask an owner " +
            "for a role assignment, or leave it out with --subscription.",
        RequestFailedException { Status: 404 } =>
            $"{what}: not found (404).",
        RequestFailedException { Status: 429 } r =>
            $"{what}: Azure is throttling requests (429){WaitHint(r)}. Retry then (--refresh).",
        RequestFailedException { Status: >= 500 } r =>
            $"{what}: Azure failed ({r.Status} {r.ErrorCode}). Retry later (--refresh).",
        RequestFailedException { Status: 0, InnerException: var inner } when Tls(inner) =>
            $"{what}: the TLS certificate presented is not trusted. Behind a corporate proxy? Point SSL_CERT_FILE " +
            "(and NODE_EXTRA_CA_CERTS for Claude Code) at a bundle that includes its CA.",
        RequestFailedException { Status: 0 } r =>
            $"{what}: Azure could not be reached ({Innermost(r).Message}). Check the network, proxy and DNS.",
        TimeoutException =>
            $"{what}: timed out, no complete answer within {ArmGate.CallDeadline.TotalSeconds:0} s (the connection stalled or Azure is " +
            "very slow). Retry later (--refresh).",
        OperationCanceledException =>
            $"{what}: timed out, no answer within {ArmPipeline.NetworkTimeout.TotalSeconds:0} s.",
        _ => $"{what}: {e.Message}",
    };

    /// <summary>A failure that affects the whole listing (no credential at all): becomes the request's error.</summary>
    public static FoundryException? AsWholeFailure(Exception e, string what = "Listing subscriptions") => LastTry(e) switch
    {
        FoundryException f => f,
        Cloud.UntrustedValueException u => new FoundryException(FoundryErrorCode.UntrustedValue, $"{what}: {u.Message}", e),
        RequestFailedException { Status: 401 } => new FoundryException(FoundryErrorCode.NoCredential, Describe(e, what), e),
        RequestFailedException { Status: 403 } => new FoundryException(FoundryErrorCode.AccessDenied, Describe(e, what), e),
        RequestFailedException { Status: 429 } => new FoundryException(FoundryErrorCode.Throttled, Describe(e, what), e),
        RequestFailedException => new FoundryException(FoundryErrorCode.AzureUnavailable, Describe(e, what), e),
        TimeoutException => new FoundryException(FoundryErrorCode.AzureUnavailable, Describe(e, what), e),
        _ => null,
    };

    /// <summary>Azure refused the token (401), on the last try when the retry policy gathered several.</summary>
    public static bool IsUnauthorized(Exception e) => LastTry(e) is RequestFailedException { Status: 401 };

    /// <summary>Azure.Core's retry policy throws every try's failure together: the last one says what happened.</summary>
    public static Exception LastTry(Exception e) => e is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[^1] : e;

    private static string WaitHint(RequestFailedException e) =>
        e.GetRawResponse() is { } response && RetryAfter.Of(response) is { } wait
            ? $"; it asks to wait {Math.Ceiling(wait.TotalSeconds):0} s"
            : "";

    private static bool Tls(Exception? e) => e switch
    {
        null => false,
        AuthenticationException => true,
        _ => Tls(e.InnerException),
    };

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
