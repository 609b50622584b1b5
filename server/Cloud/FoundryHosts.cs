using System.Text.RegularExpressions;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cloud;

/// <summary>
/// Where a Foundry key or token may go: https, on <see cref="Port"/> (443 unless a custom suffix names one), to a host
/// that ends in one of <see cref="Suffixes"/>. A suffix with a leading dot needs a subdomain
/// (".services.ai.azure.com"); a custom one matches that host and its subdomains. Every endpoint from ARM passes
/// <see cref="Problem"/> before it is listed as usable, written or called.
/// </summary>
public sealed partial record FoundryHosts(IReadOnlyList<string> Suffixes, int Port, string? CanonicalSuffix)
{
    public const string FoundryEndpointName = "AI Foundry API";

    public static readonly FoundryHosts Public = new([".services.ai.azure.com", ".cognitiveservices.azure.com"], 443, ".services.ai.azure.com");
    public static readonly FoundryHosts UsGovernment = new([".services.ai.azure.us", ".cognitiveservices.azure.us"], 443, ".services.ai.azure.us");
    public static readonly FoundryHosts China = new([".services.ai.azure.cn", ".cognitiveservices.azure.cn"], 443, ".services.ai.azure.cn");

    public string Describe() => string.Join(" or ", Suffixes.Select(s => s.StartsWith('.') ? "*" + s : s)) +
        (Port == 443 ? "" : $" on port {Port}");

    /// <summary>A custom cloud's suffix: a host name or address (its subdomains match too), optionally with :port.</summary>
    public static FoundryHosts Custom(string suffix)
    {
        var match = SuffixPattern().Match(suffix.Trim());
        var port = match.Success && match.Groups["port"].Success ? int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture) : 443;
        if (!match.Success || port is < 1 or > 65535)
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput,
                $"The Foundry suffix must be a host name (foundry.contoso.local), optionally with :port; got {TrustedValues.Show(suffix)}.");
        }

        return new FoundryHosts([match.Groups["host"].Value.ToLowerInvariant()], port, null);
    }

    /// <summary>Why a key or token must not be sent to this URL, naming the rule it breaks; null when it may.</summary>
    public string? Problem(string url)
    {
        if (TrustedValues.ForbiddenChar(url) is { } c) return $"holds a control character ({c})";
        if (url.Contains('\\', StringComparison.Ordinal) || url.Any(char.IsWhiteSpace)) return "holds a backslash or a space";
        if (url.Contains('@', StringComparison.Ordinal)) return "carries user information (user@host)";
        if (url.Contains('%', StringComparison.Ordinal)) return "has an unusual path (percent-encoding)";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "is not a URL";
        if (uri.Scheme != Uri.UriSchemeHttps) return $"is not https (scheme {uri.Scheme})";
        if (uri.UserInfo.Length > 0) return "carries user information (user@host)";
        if (uri.Port != Port) return $"is on port {uri.Port}, not {Port}";
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || url.Contains('?', StringComparison.Ordinal) || url.Contains('#', StringComparison.Ordinal))
        {
            return "has a query or fragment";
        }

        if (!SafePath().IsMatch(uri.AbsolutePath) || uri.AbsolutePath.Contains("/../", StringComparison.Ordinal)
            || uri.AbsolutePath.Contains("/./", StringComparison.Ordinal))
        {
            return "has an unusual path";
        }

        var host = uri.IdnHost.ToLowerInvariant();
        if (!Suffixes.Any(s => Matches(host, s))) return $"is on host {host}, which is not a Foundry host of this cloud ({Describe()})";
        return uri.HostNameType == UriHostNameType.Dns && !host.Split('.').All(TrustedValues.IsSubdomain) ? "has an invalid host name" : null;
    }

    /// <summary>
    /// Whether a request URL built from a checked endpoint (its path and query added) may carry the key or token:
    /// https, no user information, this port, a Foundry host. The last check before the wire.
    /// </summary>
    public bool Allows(Uri uri) =>
        uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0 && uri.Port == Port
        && Problem(uri.GetLeftPart(UriPartial.Authority) + "/") is null;

    /// <summary>The URL, or an <see cref="FoundryErrorCode.UntrustedValue"/> error naming it and the rule it breaks.</summary>
    public Uri Require(string url, string what)
    {
        if (Problem(url) is { } problem)
        {
            throw new FoundryException(FoundryErrorCode.UntrustedValue, $"{what} {TrustedValues.Show(url)} {problem}: nothing was sent to it.");
        }

        return new Uri(url);
    }

    /// <summary>A resource that may be used: no problem was found when it was listed, and its endpoint still passes.</summary>
    public string RequireUsable(FoundryResource resource)
    {
        if (resource.Problem is { } problem)
        {
            throw new FoundryException(FoundryErrorCode.UntrustedValue,
                $"{resource.Name} cannot be used: {problem} Nothing was sent or written. Check the resource in the portal; if it is yours, report it.");
        }

        var endpoint = resource.Endpoint ?? throw new FoundryException(FoundryErrorCode.NotFound,
            $"ARM reports no endpoint for {resource.Name}, so there is nothing to call. Check the resource in the portal (it may still be provisioning).");
        Require(endpoint, $"The endpoint of {resource.Name}");
        return endpoint;
    }

    /// <summary>
    /// The Foundry endpoint of an account as ARM reports it (endpoints["AI Foundry API"], else one built from a valid
    /// customSubDomainName in a named cloud, else properties.endpoint), checked; or the problems, naming each value.
    /// </summary>
    public (string? Endpoint, string? Problem) EndpointOf(AccountResource account)
    {
        var problems = new List<string>();
        if (!TrustedValues.IsAccountName(account.Name))
        {
            problems.Add($"its name {TrustedValues.Show(account.Name)} is not an account name (2-64 letters, digits, hyphens, underscores and periods, starting with a letter or digit)");
        }

        var properties = account.Properties;
        var subdomain = properties?.CustomSubDomainName;
        var subdomainOk = subdomain is null || TrustedValues.IsSubdomain(subdomain);
        if (!subdomainOk)
        {
            problems.Add($"its customSubDomainName {TrustedValues.Show(subdomain)} is not a DNS label (letters, digits and inner hyphens, at most 63)");
        }

        var (source, endpoint) = properties?.Endpoints is { } endpoints && endpoints.TryGetValue(FoundryEndpointName, out var foundry)
            ? ($"endpoints[\"{FoundryEndpointName}\"]", foundry)
            : subdomain is { Length: > 0 } && subdomainOk && CanonicalSuffix is { } canonical
                ? ("customSubDomainName", $"https://{subdomain}{canonical}/")
                : ("endpoint", properties?.Endpoint);
        if (endpoint is not null && Problem(endpoint) is { } problem)
        {
            problems.Add($"its {source} {TrustedValues.Show(endpoint)} {problem}");
        }

        return problems.Count == 0
            ? (endpoint, null)
            : (null, $"ARM reports values that break the rules for a Foundry resource: {string.Join("; ", problems)}.");
    }

    private static bool Matches(string host, string suffix) => suffix.StartsWith('.')
        ? host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.Ordinal)
        : host == suffix || host.EndsWith("." + suffix, StringComparison.Ordinal);

    [GeneratedRegex(@"^\.?(?<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?::(?<port>[0-9]{1,5}))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SuffixPattern();

    [GeneratedRegex(@"^(?:/[A-Za-z0-9._~-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafePath();
}
