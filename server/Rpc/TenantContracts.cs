namespace FoundryIde.Server.Rpc;

/// <summary>tenants/list: no inputs beyond the cloud settings already given.</summary>
public sealed record TenantsParams;

public sealed record TenantInfo(string TenantId, string? DisplayName, string? DefaultDomain);

/// <param name="Tenants">What the credential Claude Code will use can see, by name.</param>
/// <param name="Current">The tenant the settings pin (foundryIde.tenant / --tenant), or null for the credential's own.</param>
public sealed record TenantsResult(IReadOnlyList<TenantInfo> Tenants, string? Current);
