using System.Net;
using Azure.Core.Pipeline;

namespace FoundryIde.Server.Discovery;

/// <summary>
/// One HTTP transport for every ARM call (ArmClient and the REST client alike): a listing fans out to hundreds of
/// calls, and over HTTP/1.1 each concurrent call costs its own TLS handshake. HTTP/2 is preferred, so they share a
/// few multiplexed connections; a server that does not offer h2 (ALPN) gets HTTP/1.1 as before. Proxy settings
/// (HTTPS_PROXY, NO_PROXY) and the trusted certificates (SSL_CERT_FILE) are the platform's defaults.
/// </summary>
public static class ArmTransport
{
    public static HttpPipelineTransport Shared { get; } = new HttpClientTransport(new HttpClient(new PreferHttp2(new SocketsHttpHandler
    {
        EnableMultipleHttp2Connections = true,
        MaxConnectionsPerServer = 64, // HTTP/1.1-only servers: a bounded pool, the rest of the calls queue
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
    }))
    {
        Timeout = Timeout.InfiniteTimeSpan, // the pipeline's own network timeout and deadlines apply
    });

    private sealed class PreferHttp2(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
