using System.Text.Json.Nodes;

namespace FoundryIde.Emulator;

/// <summary>
/// What Azure refuses in a Claude deployment PUT, in its own codes and words: a change while another runs (409), a Failed
/// name, a model the region does not offer, capacity, modelProviderData, a subscription that may not buy the offer, quota.
/// </summary>
internal static class DeploymentPutRules
{
    /// <summary>Whether a deployment PUT of this api-version keeps modelProviderData: 2025-10-01-preview and later.</summary>
    public static bool CarriesProviderData(string apiVersion) =>
        apiVersion.Length >= 10 && string.CompareOrdinal(apiVersion[..10], "2025-10-01") >= 0;

    public static (int Status, string Code, string Message)? Check(
        EmulatorContext emu, AccountSeed account, string name, string format, string modelName, string version, string skuName, int capacity,
        JsonNode? providerData)
    {
        if (account.ProvisioningState != "Succeeded")
        {
            return (409, "AccountProvisioningStateInvalid",
                $"Call to Microsoft.CognitiveServices/accounts failed. Error message: Account {account.Name} in state {account.ProvisioningState}.");
        }

        var deployments = emu.State.ListDeployments(account);
        if (deployments.Any(d => d.ProvisioningState is "Accepted" or "Creating" or "Updating" or "Deleting" or "Moving"))
        {
            return (409, "RequestConflict",
                "Another operation is being performed on the parent resource '" + account.Id + "'. Please try again later.");
        }

        if (deployments.FirstOrDefault(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { ProvisioningState: "Failed" or "Canceled" or "Disabled" } ended)
        {
            return (409, "DeploymentInFailedState",
                $"The deployment '{name}' is in state {ended.ProvisioningState} and its name cannot be reused. Delete the deployment first, or use another name.");
        }

        var offered = emu.State.CatalogueEntry(account.Location, format, modelName, version, skuName);
        if (offered is null)
        {
            return (400, "DeploymentModelNotSupported",
                $"The model '{format}/{modelName}/{version}' with SKU '{skuName}' is not supported in location '{account.Location}'.");
        }

        if (capacity < 1 || capacity > offered.MaxCapacity)
        {
            return (400, "InvalidCapacity", $"The capacity must be between 1 and {offered.MaxCapacity}.");
        }

        if (format.Equals("Anthropic", StringComparison.OrdinalIgnoreCase))
        {
            var org = providerData?["organizationName"]?.GetValue<string>();
            var industry = providerData?["industry"]?.GetValue<string>();
            var country = providerData?["countryCode"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(org) || string.IsNullOrWhiteSpace(industry) || string.IsNullOrWhiteSpace(country))
            {
                return (400, "InvalidModelProviderData",
                    "ModelProviderData is required for Anthropic model deployments but was not provided. " +
                    "Please provide all required fields: industry, organizationName, and countryCode.");
            }

            if (!industry.Equals(industry.ToLowerInvariant(), StringComparison.Ordinal))
            {
                return (400, "AnthropicOrganizationCreationException", $"Failed to create the Anthropic organization: invalid industry '{industry}'.");
            }

            // What Azure answered real users whose subscription may not buy Anthropic's offer (no valid payment method here).
            if (emu.State.IsPurchaseBlocked(account.SubscriptionId))
            {
                return (400, "UserError",
                    "Error occurred when subscribing to Marketplace: Marketplace Subscription purchase eligibility check failed, error message " +
                    "[Purchase failed because there is no valid payment method associated with this Azure subscription. Please add a valid payment method " +
                    "and try again. For more information, see https://aka.ms/SaaSPurchaseErrors]");
            }
        }

        var used = emu.State.Usage(account.SubscriptionId, offered.UsageName, except: (account.Id, name));
        var limit = emu.State.QuotaLimit(account.SubscriptionId, offered.UsageName);
        if (used + capacity > limit)
        {
            return (400, "InsufficientQuota",
                $"This operation require {capacity} new capacity in quota {offered.UsageName}, which is bigger than the current available " +
                $"capacity {Math.Max(0, limit - used)}. The current quota usage is {used} and the quota limit is {limit} for quota {offered.UsageName}.");
        }

        return null;
    }
}
