using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Discovery;

/// <summary>
/// Finds the Foundry accounts (kind AIServices) in a set of subscriptions: one Resource Graph query when there are
/// many subscriptions (one call instead of one per subscription), one list call per subscription otherwise or when
/// Resource Graph is not permitted.
/// </summary>
public sealed class AccountFinder(RenewingConnection connection, ArmGate gate, Action<DiscoveryError> onError)
{
    public const string FoundryKind = "AIServices";

    /// <summary>From this many subscriptions on, Resource Graph is tried first (see bench/results.md).</summary>
    public static int ResourceGraphThreshold { get; set; } = 10;

    private const string Query =
        "resources | where type =~ 'microsoft.cognitiveservices/accounts' and kind =~ 'AIServices'";

    private const int SubscriptionsPerQuery = 1000;

    public static bool IsFoundry(AccountResource account) =>
        string.Equals(account.Kind, FoundryKind, StringComparison.OrdinalIgnoreCase);

    /// <summary>Per-subscription listing: each subscription's accounts go to <paramref name="found"/> as they arrive.</summary>
    public Task ListPerSubscriptionAsync(
        IReadOnlyList<SubscriptionInfo> subscriptions, Func<AccountResource, Task> found, CancellationToken cancellationToken) =>
        Task.WhenAll(subscriptions.Select(async subscription =>
        {
            List<AccountResource> accounts;
            try
            {
                accounts = await connection.RunAsync(c => gate.RunAsync(async ct =>
                {
                    var list = new List<AccountResource>();
                    await foreach (var account in c.Rest.ListAccountsAsync(subscription.Id, ct)) list.Add(account);
                    return list;
                }, cancellationToken));
            }
            catch (Azure.RequestFailedException e) when (e.ErrorCode == "MissingSubscriptionRegistration")
            {
                return; // Microsoft.CognitiveServices was never registered there (a new subscription): it holds no Foundry resource
            }
            catch (Exception e) when (ArmGate.IsExpected(e, cancellationToken))
            {
                onError(new DiscoveryError(SubscriptionLister.ScopeOf(subscription),
                    ArmFailures.Describe(e, $"Subscription \"{subscription.Name}\" ({subscription.Id})")));
                return;
            }

            await Task.WhenAll(accounts.Where(IsFoundry).Select(found));
        }));

    /// <summary>Resource Graph: all accounts in one paged query; null when Resource Graph is not usable here, or cut its answer short.</summary>
    public async Task<IReadOnlyList<AccountResource>?> TryResourceGraphAsync(
        IReadOnlyList<SubscriptionInfo> subscriptions, CancellationToken cancellationToken)
    {
        var accounts = new List<AccountResource>();
        try
        {
            foreach (var chunk in subscriptions.Chunk(SubscriptionsPerQuery))
            {
                string? skipToken = null;
                do
                {
                    var request = new ResourceGraphRequest([.. chunk.Select(s => s.Id)], Query, new ResourceGraphOptions(1000, skipToken));
                    var page = await connection.RunAsync(c => gate.RunAsync(ct => c.Rest.QueryResourceGraphAsync(request, ct), cancellationToken));
                    accounts.AddRange((page.Data ?? []).Where(IsFoundry));
                    skipToken = page.SkipToken is { Length: > 0 } next ? next : null;
                    if (skipToken is null && page.Truncated) return null; // the rest is out of reach: list each subscription instead
                }
                while (skipToken is not null);
            }

            return accounts;
        }
        catch (Exception e) when (ArmGate.IsExpected(e, cancellationToken))
        {
            return null; // not permitted, not available, or failing: the per-subscription listing still works
        }
    }
}
