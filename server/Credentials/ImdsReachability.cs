using System.Net.Sockets;

namespace FoundryIde.Server.Credentials;

/// <summary>
/// Whether the instance metadata service can be reached at all, before the managed identity credential is asked
/// (as Claude Code's Azure library pings it first). Azure.Identity's IMDS path retries six times, about 26 s, on a
/// machine where 169.254.169.254 is unreachable; a refused or unreachable connect tells us in milliseconds.
/// </summary>
public static class ImdsReachability
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Variables that point the managed identity credential somewhere other than IMDS.</summary>
    private static readonly string[] OtherSources =
        [EnvNames.IdentityEndpoint, EnvNames.MsiEndpoint, "IMDS_ENDPOINT", "IDENTITY_SERVER_THUMBPRINT"];

    /// <returns>null when IMDS is reachable or not the source in use; otherwise why not ("unreachable (...)").</returns>
    public static async Task<string?> CheckAsync(IEnvironmentReader environment, CancellationToken cancellationToken)
    {
        if (OtherSources.Any(v => environment.Read(v) is not null))
        {
            return null;
        }

        var host = "169.254.169.254";
        var port = 80;
        if (environment.Read("AZURE_POD_IDENTITY_AUTHORITY_HOST") is { } authority
            && Uri.TryCreate(authority, UriKind.Absolute, out var uri))
        {
            (host, port) = (uri.Host, uri.Port);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ConnectTimeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, deadline.Token);
            return null;
        }
        catch (SocketException e)
        {
            return $"unreachable ({e.SocketErrorCode})";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {ConnectTimeout.TotalSeconds:0} s";
        }
    }
}
