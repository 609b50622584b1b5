using FoundryIde.Server.Cloud;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Discovery;

/// <summary>
/// `resources/list`: the session's listings (<see cref="DiscoveryCache"/>), each kept on disk too
/// (<see cref="ListingStore"/>). Asked with allowStale before anything is listed in this session, it answers at once
/// with the kept listing, marked stale, and starts the fresh one, which the caller's next request joins.
/// </summary>
public sealed class ResourceListings(
    ResourceDiscovery discovery, DiscoveryCache cache, ListingStore store, AzureConnections connections, TimeProvider clock,
    ILogger<ResourceListings> logger)
{
    /// <summary>How long a listing started for a stale answer runs with nobody waiting for it.</summary>
    public static TimeSpan StaleHold { get; set; } = TimeSpan.FromSeconds(15);

    public async Task<ResourcesResult> ListAsync(ResourcesParams request, IProgress<ProgressValue>? progress, CancellationToken cancellationToken)
    {
        var key = $"{connections.Settings}|{request.Subscription}";
        var connection = connections.For(null);
        var storeKey = ListingStore.KeyOf(connection.Cloud, connection.Tenant, request.Subscription);
        Task<ResourcesResult> List(CancellationToken ct) => ListAndKeepAsync(request, progress, storeKey, ct);

        if (request.AllowStale && !request.Refresh && !cache.HasListed(key)
            && await store.ReadAsync(storeKey, connection.Cloud, connection.Credential.Identity, cancellationToken) is { } kept)
        {
            cache.Start(key, List, StaleHold);
            return kept.Result with { Stale = true, ListedAt = kept.ListedAt };
        }

        return await cache.GetOrListAsync(key, request.Refresh, List, cancellationToken);
    }

    private async Task<ResourcesResult> ListAndKeepAsync(
        ResourcesParams request, IProgress<ProgressValue>? progress, string storeKey, CancellationToken cancellationToken)
    {
        var result = await discovery.ListAsync(request, progress, cancellationToken) with { ListedAt = clock.GetUtcNow() };
        // As whom it was listed: the token the listing used (its connection may have been renewed meanwhile).
        var identity = connections.For(null).Credential.Identity;
        _ = Task.Run(async () =>
        {
            try
            {
                await store.WriteAsync(storeKey, identity, result, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.ListingNotKept(logger, store.Folder ?? "(no cache folder)", e.Message);
            }
        }, CancellationToken.None);
        return result;
    }
}

/// <summary>
/// Fetches the ARM token once the first answer is out, so that the first listing does not wait for a sign-in (the
/// Azure CLI link alone takes a second or more). The credential caches it; a failure here is only logged: the listing
/// asks again and reports it.
/// </summary>
public sealed class TokenPrefetch(AzureConnections connections, ServerLifetime lifetime, ILogger<TokenPrefetch> logger)
{
    public void Start() => _ = Task.Run(async () =>
    {
        var connection = connections.Current;
        try
        {
            await connection.Credential.GetTokenAsync(new Azure.Core.TokenRequestContext([connection.Cloud.ArmScope]), lifetime.Work);
            Log.TokenPrefetched(logger, connection.Credential.SelectedLink);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.TokenPrefetchFailed(logger, e.Message);
        }
    }, CancellationToken.None);
}
