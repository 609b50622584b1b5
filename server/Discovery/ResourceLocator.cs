using FoundryIde.Server.Cloud;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Discovery;

/// <param name="Resource">The one resource found, or null.</param>
/// <param name="Problem">Why none (or several) was found, for a person.</param>
/// <param name="Fix">What to do about it.</param>
public sealed record ResourceLookup(FoundryResource? Resource, string? Problem, string? Fix);

/// <summary>Finds one Foundry resource by its name (or its custom subdomain) among those the identity can reach.</summary>
public sealed class ResourceLocator(ResourceDiscovery discovery, AzureConnections connections)
{
    public async Task<ResourceLookup> FindAsync(string name, string? subscription, CancellationToken cancellationToken)
    {
        Validate(name);
        var listing = await discovery.ListAsync(new ResourcesParams(Subscription: subscription), null, cancellationToken);
        var matches = listing.Resources.Where(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (matches.Length == 0)
        {
            matches = listing.Resources.Where(r => string.Equals(r.CustomSubDomainName, name, StringComparison.OrdinalIgnoreCase)).ToArray();
        }

        if (matches.Length == 1) return new ResourceLookup(matches[0], null, null);
        if (matches.Length > 1)
        {
            return new ResourceLookup(null, $"\"{name}\" exists in {matches.Length} subscriptions ({string.Join(", ", matches.Select(m => m.SubscriptionId))}).",
                "Pick one with --subscription.");
        }

        var visible = string.Join(", ", listing.Resources.Select(r => r.Name));
        var missed = listing.Errors.Count > 0 ? " Some subscriptions could not be listed: " + string.Join(" ", listing.Errors.Select(e => e.Message)) : "";
        return new ResourceLookup(null,
            $"No Foundry resource named \"{name}\" is visible to the identity Claude Code will use. Visible: {(visible.Length == 0 ? "none" : visible)}.{missed}",
            "Check the name (the resource's name, not its endpoint). If it exists, this identity cannot read it: give it Reader " +
            "(or \"Azure AI User\", which Claude also needs) on the resource, or pass --subscription.");
    }

    /// <summary>
    /// The resource, checked for use (its endpoint passes the cloud's Foundry host rules, no value ARM reported for it
    /// broke a rule); else a NotFound or UntrustedValue error that says why and what to do.
    /// </summary>
    public async Task<FoundryResource> GetAsync(string name, string? subscription, CancellationToken cancellationToken)
    {
        var lookup = await FindAsync(name, subscription, cancellationToken);
        var resource = lookup.Resource ?? throw new FoundryException(FoundryErrorCode.NotFound, $"{lookup.Problem} {lookup.Fix}");
        connections.Current.Cloud.Foundry.RequireUsable(resource);
        return resource;
    }

    private static void Validate(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput, "A resource name is required (e.g. --resource contoso-foundry).");
        }

        // A period alone is allowed (ARM allows it in account names); a host name under Azure's domains is not a name.
        if (name.Contains("://", StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal) || name.Contains(".azure.", StringComparison.OrdinalIgnoreCase))
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput,
                $"\"{name}\" looks like a URL or host name; give the Foundry resource's name instead (for https://contoso.services.ai.azure.com/ it is \"contoso\"). `foundry-ide resources` lists them.");
        }
    }
}
