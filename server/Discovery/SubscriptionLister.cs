using Azure;
using Azure.Core;
using Azure.ResourceManager.Resources;
using Azure.ResourceManager.Resources.Models;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Discovery;

/// <summary>Subscriptions through Azure.ResourceManager (ArmClient), filtered as the user asked.</summary>
public static class SubscriptionLister
{
    private static readonly string[] Usable = ["Enabled", "Warned", "PastDue"];

    public static async Task<IReadOnlyList<SubscriptionInfo>> ListAsync(
        AzureConnection connection, string? wanted, CancellationToken cancellationToken) =>
        [.. (await ListWithPoliciesAsync(connection, wanted, cancellationToken)).Select(s => s.Info)];

    /// <summary>As <see cref="ListAsync"/>, with each one's policies (its offer, its spending limit) from the same answer.</summary>
    public static async Task<IReadOnlyList<(SubscriptionInfo Info, SubscriptionPolicies? Policies)>> ListWithPoliciesAsync(
        AzureConnection connection, string? wanted, CancellationToken cancellationToken)
    {
        if (wanted is not null && Guid.TryParse(wanted, out var id))
        {
            var resource = connection.Arm.GetSubscriptionResource(SubscriptionResource.CreateResourceIdentifier(id.ToString()));
            try
            {
                var data = (await resource.GetAsync(cancellationToken)).Value.Data;
                return [(new SubscriptionInfo(data.SubscriptionId, data.DisplayName, data.TenantId?.ToString()), data.SubscriptionPolicies)];
            }
            catch (RequestFailedException e) when (e.Status is 403 or 404)
            {
                throw new FoundryException(FoundryErrorCode.NotFound,
                    $"Subscription {wanted} is not visible to the signed-in identity ({e.Status}). Check the id, or the tenant (--tenant).", e);
            }
        }

        var all = new List<(SubscriptionInfo Info, SubscriptionPolicies? Policies)>();
        var unusable = new List<string>();
        await foreach (var subscription in connection.Arm.GetSubscriptions().GetAllAsync(cancellationToken))
        {
            var data = subscription.Data;
            if (data.State is { } state && !Usable.Contains(state.ToString(), StringComparer.OrdinalIgnoreCase))
            {
                if (wanted is not null && wanted.Equals(data.DisplayName, StringComparison.OrdinalIgnoreCase))
                {
                    unusable.Add($"{TrustedValues.Show(data.DisplayName)} ({data.SubscriptionId}) is {TrustedValues.PlainWord(state.ToString(), "not enabled")}");
                }

                continue;
            }

            // A tenant given as a domain (contoso.onmicrosoft.com) cannot be compared with the ids ARM returns: the token,
            // issued for that tenant, already limits the list to it.
            if (connection.Tenant is { } tenant && TrustedValues.IsGuid(tenant) && data.TenantId is { } t
                && !t.ToString().Equals(tenant, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            all.Add((new SubscriptionInfo(data.SubscriptionId, data.DisplayName, data.TenantId?.ToString()), data.SubscriptionPolicies));
        }

        if (wanted is null) return all;
        var named = all.Where(s => s.Info.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (named.Length == 0 && unusable.Count > 0)
        {
            throw new FoundryException(FoundryErrorCode.NotFound,
                $"{string.Join("; ", unusable)}: Azure lets nothing be used or created there. Re-enable it (its billing, in the Azure portal), or choose another subscription.");
        }

        return named.Length > 0 ? named : throw new FoundryException(FoundryErrorCode.NotFound,
            $"No subscription named \"{wanted}\" is visible to the signed-in identity. Visible: " +
            (all.Count == 0 ? "none." : string.Join(", ", all.Select(s => $"{s.Info.Name} ({s.Info.Id})")) + "."));
    }

    public static string ScopeOf(SubscriptionInfo subscription) => $"/subscriptions/{subscription.Id}";

    public static string SubscriptionOf(string resourceId) => new ResourceIdentifier(resourceId).SubscriptionId ?? "";
}
