using Azure;
using Azure.Core;
using Azure.ResourceManager.Resources;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>
/// The regions where a subscription can deploy Claude: the locations where Microsoft.CognitiveServices offers
/// accounts to it (its provider registration), each kept when its model catalogue offers an Anthropic model in Global
/// Standard, with the model and version <see cref="ModelPick"/> would deploy per family. The catalogues are read eight
/// at a time; a region whose catalogue cannot be read is listed in <see cref="RegionsResult.Unchecked"/>, not dropped
/// silently. A complete answer is kept for <see cref="KeepFor"/> per connection (cloud, tenant, identity) and
/// subscription: the flow asked again (after a failed plan, say) shows the regions at once.
/// </summary>
public sealed class RegionFinder(AzureConnections connections, TimeProvider clock)
{
    private const int Parallel = 8;

    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(AzureConnection, string), (DateTimeOffset At, RegionsResult Result)> _kept = new();

    public async Task<RegionsResult> ListAsync(RegionsParams request, Action<string> progress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Subscription)) throw new FoundryException(FoundryErrorCode.InvalidInput, "deploy/regions needs a subscription (id or name).");
        var connection = connections.Current;
        var subscriptions = await ArmGate.WithDeadlineAsync(ct => SubscriptionLister.ListAsync(connection, request.Subscription, ct), cancellationToken);
        if (subscriptions.Count != 1)
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput, $"\"{request.Subscription}\" names {subscriptions.Count} subscriptions: pass its id.");
        }

        var sub = subscriptions[0];
        if (_kept.TryGetValue((connection, sub.Id), out var kept) && clock.GetUtcNow() - kept.At < KeepFor) return kept.Result;
        progress("Reading where Foundry resources can be created");
        var (locations, registration) = await ArmGate.WithDeadlineAsync(ct => AccountLocationsAsync(connection, sub.Id, ct), cancellationToken);
        if (!"Registered".Equals(registration, StringComparison.OrdinalIgnoreCase))
        {
            // Every catalogue read would answer MissingSubscriptionRegistration; short enough for a picker's placeholder (the
            // plan's provider verdict says the rest: Deploy registers it first).
            return new RegionsResult(sub.Id, [], [], $"Microsoft.CognitiveServices is {DeployPlanner.State(registration)} here: enter a region, e.g. eastus2");
        }

        var found = new List<RegionOffer>();
        var unread = new List<string>();
        var done = 0;
        await System.Threading.Tasks.Parallel.ForEachAsync(locations, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken }, async (location, ct) =>
        {
            RegionOffer? offer = null;
            try
            {
                var catalogue = await ArmGate.WithDeadlineAsync(c => DeployPlanner.Collect(connection.Rest.ListLocationModelsAsync(sub.Id, location, c), c), ct);
                var offers = ModelPick.Offers(catalogue);
                var models = ModelPick.Families(offers).Select(f => ModelPick.Choose(offers, f, null, null, clock.GetUtcNow()).Offer).OfType<Offer>()
                    .Select(o => new RegionModel(o.Family, o.Model, o.Version)).ToList();
                if (models.Count > 0) offer = new RegionOffer(location, models);
            }
            catch (Exception e) when (e is RequestFailedException or TimeoutException or FoundryException && !ct.IsCancellationRequested)
            {
                lock (unread) unread.Add(location);
            }

            lock (found)
            {
                if (offer is not null) found.Add(offer);
                progress($"Read {++done} of {locations.Count} region catalogues; {found.Count} offer Claude");
            }
        });
        var result = new RegionsResult(sub.Id, [.. found.OrderBy(r => r.Name, StringComparer.Ordinal)], [.. unread.Order(StringComparer.Ordinal)]);
        foreach (var stale in _kept.Keys.Where(k => k.Item1 != connection)) _kept.TryRemove(stale, out _);
        if (unread.Count == 0) _kept[(connection, sub.Id)] = (clock.GetUtcNow(), result);
        return result;
    }

    /// <summary>
    /// The location names (eastus2) where the provider registration offers the accounts resource type, and the
    /// registration's state in the subscription.
    /// </summary>
    private static async Task<(IReadOnlyList<string> Locations, string? Registration)> AccountLocationsAsync(
        AzureConnection connection, string subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = connection.Arm.GetSubscriptionResource(SubscriptionResource.CreateResourceIdentifier(subscriptionId));
        var provider = (await subscription.GetResourceProviderAsync("Microsoft.CognitiveServices", cancellationToken: cancellationToken)).Value.Data;
        var accounts = provider.ResourceTypes.FirstOrDefault(t => "accounts".Equals(t.ResourceType, StringComparison.OrdinalIgnoreCase));
        return ([.. (accounts?.Locations ?? []).Select(l => new AzureLocation(l).Name)
            .Where(TrustedValues.IsRegionName).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)], provider.RegistrationState);
    }
}
