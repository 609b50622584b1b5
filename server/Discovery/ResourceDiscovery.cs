using System.Collections.Concurrent;
using Azure.Core;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Discovery;

/// <summary>
/// Every Foundry resource the identity Claude Code will use can reach, with its Claude deployments. Subscriptions,
/// accounts and deployments are listed concurrently (each subscription's deployments start as soon as its accounts
/// arrive); a scope that fails is reported in <see cref="ResourcesResult.Errors"/> and the rest still come back.
/// </summary>
public sealed class ResourceDiscovery(AzureConnections connections, IEnvironmentReader environment)
{
    /// <summary>auto (default: from <see cref="AccountFinder.ResourceGraphThreshold"/> subscriptions on), always or never.</summary>
    public const string ResourceGraphVariable = "FOUNDRYIDE_RESOURCE_GRAPH";

    public const string AnthropicFormat = "Anthropic";

    public static int MaxConcurrency { get; set; } = ArmGate.DefaultMaxConcurrency;

    public async Task<ResourcesResult> ListAsync(ResourcesParams request, IProgress<ProgressValue>? progress, CancellationToken cancellationToken)
    {
        // A cached token Azure no longer accepts, on any call of the listing: sign in afresh once, with new caches.
        var connection = new RenewingConnection(connections, connections.For(null));
        progress?.Report(new ProgressValue("begin", Title: "Finding Foundry resources"));
        IReadOnlyList<SubscriptionInfo> subscriptions;
        try
        {
            subscriptions = await connection.RunAsync(c =>
                ArmGate.WithDeadlineAsync(ct => SubscriptionLister.ListAsync(c, request.Subscription, ct), cancellationToken));
        }
        catch (Exception e) when (ArmFailures.AsWholeFailure(e) is { } whole && whole != e)
        {
            throw whole;
        }

        var errors = new ConcurrentQueue<DiscoveryError>();
        var resources = new ConcurrentBag<FoundryResource>();
        foreach (var hostile in subscriptions.Where(s => !ArmIds.IsGuid(s.Id)))
        {
            errors.Enqueue(new DiscoveryError(TrustedValues.Show(hostile.Id),
                $"ARM listed a subscription whose id {TrustedValues.Show(hostile.Id)} is not a GUID; it was skipped and nothing was sent for it."));
        }

        subscriptions = [.. subscriptions.Where(s => ArmIds.IsGuid(s.Id))];
        if (subscriptions.Count == 0)
        {
            errors.Enqueue(new DiscoveryError("/subscriptions",
                "The signed-in identity sees no enabled subscription" + (connection.Current.Tenant is null ? "." : $" in tenant {connection.Current.Tenant}.") +
                " Sign in as someone with access (`az login`), or pick the tenant with --tenant."));
        }

        progress?.Report(new ProgressValue("report", Message: $"Listing Foundry resources in {subscriptions.Count} subscription(s)"));
        using var gate = new ArmGate(MaxConcurrency);
        var counter = new Progress(progress);
        var finder = new AccountFinder(connection, gate, errors.Enqueue);
        async Task Describe(AccountResource account)
        {
            counter.Found();
            if (ArmIds.AccountProblem(account.Id) is { } problem)
            {
                errors.Enqueue(new DiscoveryError(TrustedValues.Show(account.Id),
                    $"ARM listed an account ({TrustedValues.Show(account.Name)}) whose id {TrustedValues.Show(account.Id)} {problem}; it was skipped and nothing was sent for it."));
            }
            else
            {
                resources.Add(await DescribeAsync(connection, gate, account, errors.Enqueue, cancellationToken));
            }

            counter.Done();
        }

        var graph = UseResourceGraph(subscriptions.Count)
            ? await finder.TryResourceGraphAsync(subscriptions, cancellationToken)
            : null;
        if (graph is not null)
        {
            await Task.WhenAll(graph.Select(Describe));
        }
        else
        {
            await finder.ListPerSubscriptionAsync(subscriptions, Describe, cancellationToken);
        }

        progress?.Report(new ProgressValue("end", Message: $"Found {resources.Count} Foundry resource(s)"));
        return new ResourcesResult(
            [.. resources.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.SubscriptionId, StringComparer.Ordinal)],
            [.. errors.OrderBy(e => e.Scope, StringComparer.Ordinal)]);
    }

    private bool UseResourceGraph(int subscriptions) => environment.Read(ResourceGraphVariable)?.ToLowerInvariant() switch
    {
        "always" => subscriptions > 0,
        "never" => false,
        _ => subscriptions >= AccountFinder.ResourceGraphThreshold,
    };

    private static async Task<FoundryResource> DescribeAsync(
        RenewingConnection connection, ArmGate gate, AccountResource account, Action<DiscoveryError> onError, CancellationToken cancellationToken)
    {
        var (endpoint, problem) = connection.Current.Cloud.Foundry.EndpointOf(account);
        var deployments = new List<ClaudeDeployment>();
        try
        {
            deployments = await connection.RunAsync(c => gate.RunAsync(async ct =>
            {
                var claude = new List<ClaudeDeployment>();
                await foreach (var d in c.Rest.ListDeploymentsAsync(account.Id, ct))
                {
                    if (!string.Equals(d.Properties?.Model?.Format, AnthropicFormat, StringComparison.OrdinalIgnoreCase)) continue;
                    var model = d.Properties!.Model!;
                    claude.Add(new ClaudeDeployment(d.Name, model.Name, model.Version, DeploymentFamily.Of(model.Name),
                        d.Sku?.Name, d.Sku?.Capacity, d.Properties.ProvisioningState, DeploymentProblem(d.Name)));
                }

                return claude;
            }, cancellationToken));
        }
        catch (Exception e) when (ArmGate.IsExpected(e, cancellationToken))
        {
            onError(new DiscoveryError(account.Id, ArmFailures.Describe(e, $"Deployments of \"{account.Name}\"")));
        }

        var id = new ResourceIdentifier(account.Id);
        return DeploymentChoice.MarkDefaults(new FoundryResource(account.Name, id.SubscriptionId ?? "", id.ResourceGroupName ?? "",
            account.Location, endpoint, [.. deployments.OrderBy(d => d.Name, StringComparer.Ordinal)], account.Id,
            account.Properties?.CustomSubDomainName, account.Properties?.DisableLocalAuth ?? false, problem));
    }

    /// <summary>Why a deployment name is never written or chosen, naming it; null when it is a name Azure allows.</summary>
    public static string? DeploymentProblem(string name) =>
        TrustedValues.DeploymentNameProblem(name) is { } why
            ? $"The deployment name {TrustedValues.Show(name)} is not written or chosen: {why}."
            : null;

    /// <summary>Counts resources found and described, and reports a percentage.</summary>
    private sealed class Progress(IProgress<ProgressValue>? sink)
    {
        private int _found;
        private int _done;

        public void Found() => Interlocked.Increment(ref _found);

        public void Done()
        {
            var done = Interlocked.Increment(ref _done);
            var found = Volatile.Read(ref _found);
            sink?.Report(new ProgressValue("report", Message: $"Listed deployments of {done} of {found} resource(s)",
                Percentage: found == 0 ? null : 100 * done / found));
        }
    }
}
