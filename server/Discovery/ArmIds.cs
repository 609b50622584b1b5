using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using FoundryIde.Server.Cloud;

namespace FoundryIde.Server.Discovery;

/// <summary>
/// The rules for ids and links from ARM answers before they become a URL: an id is a path under /subscriptions/
/// (no scheme, no "//", no "..", only the characters ARM names have: letters, digits, '-', '_', '.', '(', ')'), an account id has the shape of a Cognitive Services
/// account, and every URL (nextLink included) stays on the configured ARM endpoint (scheme, host, port).
/// </summary>
public static partial class ArmIds
{
    /// <summary>Why an ARM id from an answer must not be used to build a URL; null when it may.</summary>
    public static string? PathProblem(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "is empty";
        if (TrustedValues.ForbiddenChar(id) is { } c) return $"holds a control character ({c})";
        if (!id.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)) return "is not a path under /subscriptions/";
        if (id.IndexOfAny(['?', '#', '%', '\\', ' ', '@', ':']) >= 0) return "holds '?', '#', '%', '\\', ':', '@' or a space";
        if (id.FirstOrDefault(c => !(char.IsLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '(' or ')')) is var odd && odd != default)
        {
            return $"holds {TrustedValues.Show(odd.ToString())}, which no ARM name has (letters, digits, '-', '_', '.', '(', ')')";
        }

        var segments = id[1..].Split('/');
        if (segments.Any(s => s.Length == 0)) return "holds an empty segment (\"//\" or a trailing '/')";
        if (segments.Any(s => s is "." or "..")) return "holds a \".\" or \"..\" segment";
        return IsGuid(segments[1]) ? null : "does not name a subscription id (a GUID) after /subscriptions/";
    }

    /// <summary>Why an id must not be used as a Cognitive Services account id; null when it may.</summary>
    public static string? AccountProblem(string? id) =>
        PathProblem(id) ?? (AccountId().IsMatch(id!) ? null
            : "is not /subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{name}");

    /// <summary>The id, or an <see cref="UntrustedValueException"/> naming it.</summary>
    public static string RequirePath(string id, string what = "ARM id") =>
        PathProblem(id) is { } problem ? throw new UntrustedValueException($"The {what} {TrustedValues.Show(id)} {problem}; nothing was sent.") : id;

    public static string RequireAccount(string id) =>
        AccountProblem(id) is { } problem ? throw new UntrustedValueException($"The account id {TrustedValues.Show(id)} {problem}; nothing was sent.") : id;

    public static string RequireSubscription(string id) =>
        IsGuid(id) ? id : throw new UntrustedValueException($"The subscription id {TrustedValues.Show(id)} is not a GUID; nothing was sent.");

    /// <summary>Whether a URL is on the ARM endpoint: https, same host and port, under its path.</summary>
    public static bool IsOnArm(Uri url, Uri armEndpoint) =>
        url.IsAbsoluteUri && url.Scheme == Uri.UriSchemeHttps && url.UserInfo.Length == 0
        && string.Equals(url.IdnHost, armEndpoint.IdnHost, StringComparison.OrdinalIgnoreCase) && url.Port == armEndpoint.Port
        && url.AbsolutePath.StartsWith(armEndpoint.AbsolutePath, StringComparison.Ordinal)
        && !url.AbsolutePath.Contains("/../", StringComparison.Ordinal);

    /// <summary>The URL, or an <see cref="UntrustedValueException"/> naming it: the ARM token never goes anywhere else.</summary>
    public static Uri RequireOnArm(Uri url, Uri armEndpoint, string what) =>
        IsOnArm(url, armEndpoint) ? url
        : throw new UntrustedValueException($"ARM returned a {what} to {TrustedValues.Show(url.OriginalString)}, which is not on the ARM endpoint " +
            $"{armEndpoint.GetLeftPart(UriPartial.Authority)}; not followed, nothing was sent.");

    public static bool IsGuid(string value) => TrustedValues.IsGuid(value);

    [GeneratedRegex("^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.CognitiveServices/accounts/[^/]+$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AccountId();
}

/// <summary>
/// The last line before the wire, on every ARM pipeline (ArmClient's and the REST client's): a request that is not on
/// the ARM endpoint fails here, after the bearer token was added but before anything is sent.
/// </summary>
public sealed class ArmHostGuard(Uri armEndpoint) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) =>
        ArmIds.RequireOnArm(message.Request.Uri.ToUri(), armEndpoint, "request");
}
