using FoundryIde.Server.Cloud;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Discovery;

/// <summary>The tenants the signed-in identity can see, through Azure.ResourceManager (ArmClient), for a tenant picker.</summary>
public static class TenantLister
{
    public static async Task<IReadOnlyList<TenantInfo>> ListAsync(AzureConnection connection, CancellationToken cancellationToken)
    {
        var tenants = new List<TenantInfo>();
        try
        {
            await foreach (var tenant in connection.Arm.GetTenants().GetAllAsync(cancellationToken))
            {
                var data = tenant.Data;
                if (data.TenantId is not { } id) continue;
                tenants.Add(new TenantInfo(id.ToString(), data.DisplayName, data.DefaultDomain));
            }
        }
        catch (Exception e) when (ArmFailures.AsWholeFailure(e, "Listing tenants") is { } whole && whole != e)
        {
            throw whole;
        }

        return [.. tenants.OrderBy(t => t.DisplayName ?? t.TenantId, StringComparer.OrdinalIgnoreCase)];
    }
}
