using FoundryIde.Server.Cloud;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Discovery;

/// <summary>The tenants the signed-in identity can see, through Azure.ResourceManager (ArmClient), for a tenant picker.</summary>
public static class TenantLister
{
    public static async Task<IReadOnlyList<TenantInfo>> ListAsync(AzureConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            // Within the deadline every ARM call has (all pages included).
            var tenants = await ArmGate.WithDeadlineAsync(async ct =>
            {
                var all = new List<TenantInfo>();
                await foreach (var tenant in connection.Arm.GetTenants().GetAllAsync(ct))
                {
                    var data = tenant.Data;
                    if (data.TenantId is { } id) all.Add(new TenantInfo(id.ToString(), data.DisplayName, data.DefaultDomain));
                }

                return all;
            }, cancellationToken);
            return [.. tenants.OrderBy(t => t.DisplayName ?? t.TenantId, StringComparer.OrdinalIgnoreCase)];
        }
        catch (Exception e) when (ArmFailures.AsWholeFailure(e, "Listing tenants") is { } whole && whole != e)
        {
            throw whole;
        }
    }
}
