using FoundryIde.Server.Cloud;

namespace FoundryIde.Server.Discovery;

/// <summary>
/// The connection one listing uses. When Azure refuses its token (401: revoked, or expired by Azure's clock while
/// still fresh by ours) on any call, subscriptions, accounts or deployments, the connection is renewed (a new
/// credential signs in afresh) and that call is tried once more. One renewal per listing: the many calls in flight
/// that hit the same 401 all retry with the one new connection, and a token refused right after a fresh sign-in is
/// reported, not chased.
/// </summary>
public sealed class RenewingConnection(AzureConnections connections, AzureConnection initial)
{
    private readonly Lock _lock = new();
    private AzureConnection _current = initial;
    private bool _renewed;

    public AzureConnection Current
    {
        get { lock (_lock) return _current; }
    }

    public async Task<T> RunAsync<T>(Func<AzureConnection, Task<T>> call)
    {
        var used = Current;
        try
        {
            return await call(used);
        }
        catch (Exception e) when (ArmFailures.IsUnauthorized(e) && Renewed(used) is { } fresh)
        {
            return await call(fresh);
        }
    }

    /// <summary>The connection to retry with: renewed now, or already by another call; null when it was renewed once already.</summary>
    private AzureConnection? Renewed(AzureConnection stale)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_current, stale)) return _current;
            if (_renewed) return null;
            _renewed = true;
            _current = connections.Renew(stale);
            return _current;
        }
    }
}
