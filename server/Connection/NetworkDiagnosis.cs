using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace FoundryIde.Server.Connection;

/// <summary>Why no answer came from the endpoint (TLS, DNS, refused, timeout), and what to do about it.</summary>
public static class NetworkDiagnosis
{
    public enum Problem
    {
        Tls,
        Dns,
        Refused,
        Timeout,
        Other,
    }

    private const string ProxyHint =
        "Behind a proxy, set HTTPS_PROXY (Claude Code reads it too). `foundry-ide resources` shows the endpoint ARM reports.";

    public static (string Detail, string Fix) Explain(Exception failure, Uri uri)
    {
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var said = Innermost(failure).Message.ReplaceLineEndings(" ").Trim();
        return Classify(failure) switch
        {
            Problem.Tls => ($"The TLS certificate presented for {host} is not trusted here ({said}).",
                "Behind a corporate proxy that inspects TLS? Put its root CA in a PEM bundle and point SSL_CERT_FILE (this tool) " +
                "and NODE_EXTRA_CA_CERTS (Claude Code) at it. Otherwise check the system clock, and that nothing else answers for that name."),
            Problem.Dns => ($"{uri.Host} does not resolve here (DNS: {said}).",
                "A resource behind a private endpoint resolves only inside its network: connect to that network (VPN), or make " +
                "the privatelink.services.ai.azure.com zone resolvable here. " + ProxyHint),
            Problem.Refused => ($"Nothing accepts connections at {host} (connection refused).",
                "A firewall, or a private endpoint reachable only from another network? Check the resource's Networking " +
                "settings and the route from here. " + ProxyHint),
            Problem.Timeout => ($"No complete answer from {host} within {MessagesProbe.Deadline.TotalSeconds:0} s.",
                "Check the way out: proxy (HTTPS_PROXY), firewall, VPN; a private endpoint may not be reachable from here. " +
                "If the network is fine, Foundry may be slow right now: run again."),
            _ => ($"Could not reach {host}: {said}.", "Check the network, the proxy and DNS. " + ProxyHint),
        };
    }

    public static Problem Classify(Exception failure)
    {
        foreach (var e in Chain(failure))
        {
            switch (e)
            {
                case TimeoutException:
                    return Problem.Timeout;
                case AuthenticationException:
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }:
                    return Problem.Tls;
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return Problem.Dns;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return Problem.Refused;
            }
        }

        return Problem.Other;
    }

    /// <summary>The exception and its causes; of an aggregate (one per try), the last try's.</summary>
    private static IEnumerable<Exception> Chain(Exception? e)
    {
        while (e is not null)
        {
            if (e is AggregateException { InnerExceptions.Count: > 0 } all)
            {
                e = all.InnerExceptions[^1];
                continue;
            }

            yield return e;
            e = e.InnerException;
        }
    }

    private static Exception Innermost(Exception e) => Chain(e).Last();
}
