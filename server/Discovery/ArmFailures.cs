using System.Security.Authentication;
using Azure;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Discovery;

/// <summary>Turns what ARM said into a sentence a person can act on, naming what is missing.</summary>
public static class ArmFailures
{
    /// <param name="again">
    /// How to try again, a sentence opening without its full stop: the listings' "Retry" (they have --refresh) when
    /// null; deploy passes its own words (it has no --refresh).
    /// </param>
    public static string Describe(Exception e, string what, string? again = null) => e switch
    {
        // Azure.Core's retry policy throws every try's failure together: the last one says what happened.
        AggregateException { InnerExceptions.Count: > 0 } all =>
            Describe(all.InnerExceptions[^1], what, again) + (all.InnerExceptions.Count > 1 ? $" ({all.InnerExceptions.Count} tries)" : ""),
        RequestFailedException { Status: 401 } r =>
            $"{what}: Azure refused the token (401 {Code(r)}). Sign in again (`az login`) and retry.",
        RequestFailedException { Status: 403 } r =>
            $"{what}: no access (403 {Code(r)}). The signed-in identity needs at least Reader there; ask an owner " +
            "for a role assignment, or leave it out with --subscription.",
        RequestFailedException { Status: 404 } =>
            $"{what}: not found (404).",
        RequestFailedException { Status: 429 } r =>
            $"{what}: Azure is throttling requests (429){WaitHint(r)}. {again ?? "Retry"} then{(again is null ? " (--refresh)" : "")}.",
        RequestFailedException { Status: >= 500 } r =>
            $"{what}: Azure failed ({r.Status} {Code(r)}). {Later(again)}",
        RequestFailedException { Status: 0, InnerException: var inner } when Tls(inner) =>
            $"{what}: the TLS certificate presented is not trusted. Behind a corporate proxy? Point SSL_CERT_FILE " +
            "(and NODE_EXTRA_CA_CERTS for Claude Code) at a bundle that includes its CA.",
        RequestFailedException { Status: 0 } r =>
            $"{what}: Azure could not be reached ({Innermost(r).Message}). Check the network, proxy and DNS.",
        TimeoutException =>
            $"{what}: timed out, no complete answer within {ArmGate.CallDeadline.TotalSeconds:0} s (the connection stalled or Azure is " +
            $"very slow). {Later(again)}",
        OperationCanceledException =>
            $"{what}: timed out, no answer within {ArmPipeline.NetworkTimeout.TotalSeconds:0} s.",
        // Azure's refusal (400, 409…): its code and the first line of its message, never the status, headers and body
        // Azure.Core appends to RequestFailedException.Message; ARM's text is shown escaped.
        RequestFailedException r => $"{what}: Azure refused it ({r.Status}{(Code(r) is { Length: > 0 } code ? " " + code : "")}): {FirstLine(r.Message)}",
        _ => $"{what}: {FirstLine(e.Message)}",
    };

    /// <summary>The first line of an exception's message, escaped and cut to 300 characters: ARM's text is hostile.</summary>
    public static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        if (line.Length > 300) line = line[..300] + "…";
        return Cloud.TrustedValues.Printable(line);
    }

    /// <summary>Azure's error code when it is a plain code (letters, digits, '.', '-', '_'), else empty.</summary>
    public static string Code(RequestFailedException e) =>
        e.ErrorCode is { Length: > 0 and <= 80 } code && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') ? code : "";

    private static string Later(string? again) => again is null ? "Retry later (--refresh)." : $"{again} later.";

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
