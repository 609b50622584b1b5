namespace FoundryIde.Server.Rpc;

/// <summary>tenants/list: no inputs beyond the cloud settings already given.</summary>
public sealed record TenantsParams;

public sealed record SubscriptionsParams;

/// <summary>A subscription the identity may use (Enabled, Warned or PastDue), in the tenant the settings pin.</summary>
public sealed record SubscriptionInfo(string Id, string Name, string? TenantId);

/// <param name="Subscriptions">By name; what a deploy can target.</param>
public sealed record SubscriptionsResult(IReadOnlyList<SubscriptionInfo> Subscriptions);

public sealed record TenantInfo(string TenantId, string? DisplayName, string? DefaultDomain);

/// <param name="Tenants">What the credential Claude Code will use can see, by name.</param>
/// <param name="Current">The tenant the settings pin (foundryIde.tenant / --tenant), or null for the credential's own.</param>
public sealed record TenantsResult(IReadOnlyList<TenantInfo> Tenants, string? Current);
