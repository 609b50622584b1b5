using Azure;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>The preflights about the resource: found by name (in its group or the subscription), its kind and state, or the new one's name.</summary>
public sealed partial class DeployPlanner
{
    /// <summary>False when the name is ambiguous: nothing more can be checked until the group is named.</summary>
    private static async Task<bool> FindAccountAsync(DeployState state, CognitiveServicesClient rest, CancellationToken cancellationToken)
    {
        var request = state.Request;
        var sub = state.Subscription!;
        if (request.ResourceGroup is { } rg)
        {
            state.ResourceGroup = rg;
            var path = CognitiveServicesClient.AccountPath(sub.Id, rg, request.Resource);
            state.Account = await rest.GetOrNullAsync(path, CognitiveServicesClient.ApiVersion, ArmDeployJsonContext.Default.AccountResource, cancellationToken);
            state.Read(path, "the resource, if it exists");
        }
        else
        {
            var all = await Collect(rest.ListAccountsAsync(sub.Id, cancellationToken), cancellationToken);
            state.Read($"/subscriptions/{sub.Id}/providers/Microsoft.CognitiveServices/accounts", "find the resource by name");
            var named = all.Where(a => a.Name.Equals(request.Resource, StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count > 1)
            {
                var groups = named.Select(a => GroupOf(a)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                state.Fail("resource", $"{named.Count} resources are named {request.Resource} in {sub.Name}: {string.Join("; ", named.Select(Where))}.",
                    state.Words.NameTheGroup(groups));
                return false;
            }

            state.Account = named.FirstOrDefault();
            if (state.Account is not null) state.ResourceGroup = new Azure.Core.ResourceIdentifier(ArmIds.RequireAccount(state.Account.Id)).ResourceGroupName;
        }

        if (state.Account is not { } account) return true;
        ArmIds.RequireAccount(account.Id);
        state.ResourceGroupExists = true;
        state.Location = account.Location;
        if (!"AIServices".Equals(account.Kind, StringComparison.OrdinalIgnoreCase))
        {
            state.Fail("resource", $"{account.Name} is a Cognitive Services account of kind {account.Kind}, not a Foundry resource (AIServices): it cannot host Claude.",
                $"Choose {state.Words.OtherResourceName}{(state.Words.CommandLine ? " (a new one with --create)" : " (a new one is created when you answer \"Yes, create it\")")}.");
        }
        else if ("Failed".Equals(account.Properties?.ProvisioningState, StringComparison.OrdinalIgnoreCase))
        {
            var where = $"{account.Name} exists in {state.ResourceGroup} ({account.Location}) but its creation failed (provisioning state Failed)";
            var delete = $"az cognitiveservices account delete --name {account.Name} --resource-group {state.ResourceGroup}";
            if (request.Create)
            {
                state.RetryAccount = true;
                state.RetryDefinition = await rest.GetOrNullAsync(ArmIds.RequireAccount(account.Id), CognitiveServicesClient.ApiVersion,
                    ArmDeployJsonContext.Default.JsonObject, cancellationToken);
                state.Read(account.Id, "the resource's definition, which its PUT sends again");
                state.Warn("resource", $"{where}: deploy sends its PUT again, which is how Azure retries it, before any deployment, " +
                    $"{(state.RetryDefinition is { } own ? AccountRetry.Describe(own) : "with a new resource's definition (its own could not be read)")}.",
                    $"If the retry fails the same way, delete it ({delete}) and purge it, or choose {state.Words.OtherResourceName}.");
            }
            else
            {
                state.Fail("resource", $"{where}: Azure deploys nothing to it.", $"{DeployWords.AtStart(state.Words.RetryFailedResource)}, or delete it: {delete}");
            }
        }
        else if (account.Properties?.ProvisioningState is { } busy && !"Succeeded".Equals(busy, StringComparison.OrdinalIgnoreCase))
        {
            state.Fail("resource", $"{account.Name} is {State(busy)}: an operation on it is still running.", $"Wait for it to end, then {state.Words.RunAgain}.");
        }
        else
        {
            state.Pass("resource", $"{account.Name} exists in {state.ResourceGroup} ({account.Location}), provisioning state {account.Properties?.ProvisioningState}.");
            Reachability(account, state);
        }

        if (request.Location is { } wanted && !wanted.Equals(account.Location, StringComparison.OrdinalIgnoreCase))
        {
            state.Warn("region", $"{account.Name} is in {account.Location}, not {wanted}: its own region is used.", null);
        }

        return true;
    }

    /// <summary>What keeps Claude Code from calling a resource that deploy can still deploy to: no subdomain, no public access.</summary>
    private static void Reachability(AccountResource account, DeployState state)
    {
        if (string.IsNullOrEmpty(account.Properties?.CustomSubDomainName))
        {
            state.Warn("resource", $"{account.Name} has no custom subdomain: it has only its region's shared endpoint, and Claude Code calls " +
                $"{account.Name}.services.ai.azure.com, which does not exist (nor does Entra ID sign-in to it).",
                $"Give it one (it cannot be changed afterwards): az cognitiveservices account update --name {account.Name} --resource-group {state.ResourceGroup} " +
                $"--custom-domain {account.Name}");
        }

        if ("Disabled".Equals(account.Properties?.PublicNetworkAccess, StringComparison.OrdinalIgnoreCase))
        {
            state.Warn("resource", $"{account.Name} refuses public network access: Claude Code reaches it only from a network with a private endpoint to it.",
                "Run Claude Code inside that network, or allow public access (or this network) in the resource's Networking settings.");
        }
    }

    /// <summary>The resource group in an account's id, when the id has an account's shape.</summary>
    private static string? GroupOf(AccountResource account) =>
        ArmIds.AccountProblem(account.Id) is null ? new Azure.Core.ResourceIdentifier(account.Id).ResourceGroupName : null;

    /// <summary>"in resource group rg-a (eastus2, kind OpenAI)", from values ARM sent that pass the naming rules.</summary>
    private static string Where(AccountResource account) =>
        $"in resource group {GroupOf(account) ?? "(an id that is not an account's)"} " +
        $"({(account.Location is { } l && TrustedValues.IsRegionName(l) ? l : "unknown region")}, kind {TrustedValues.PlainWord(account.Kind, "unknown")})";

    /// <summary>The resource of that name in another resource group of the subscription (why its subdomain is taken), if readable.</summary>
    private static async Task<AccountResource?> ElsewhereAsync(DeployState state, CognitiveServicesClient rest, CancellationToken cancellationToken)
    {
        try
        {
            var all = await Collect(rest.ListAccountsAsync(state.Subscription!.Id, cancellationToken), cancellationToken);
            state.Read($"/subscriptions/{state.Subscription.Id}/providers/Microsoft.CognitiveServices/accounts", "whether the name is used in another resource group");
            return all.FirstOrDefault(a => a.Name.Equals(state.Request.Resource, StringComparison.OrdinalIgnoreCase) && ArmIds.AccountProblem(a.Id) is null);
        }
        catch (RequestFailedException)
        {
            return null;
        }
    }

    /// <summary>The resource is missing: without create that is the verdict; with it, the name, region and group are checked.</summary>
    private static async Task<bool> PlanNewAccountAsync(DeployState state, CognitiveServicesClient rest, CancellationToken cancellationToken)
    {
        var request = state.Request;
        var sub = state.Subscription!;
        if (!request.Create && request.ResourceGroup is not null && await ElsewhereAsync(state, rest, cancellationToken) is { } elsewhere && GroupOf(elsewhere) is { } group)
        {
            state.Fail("resource", $"No Foundry resource named {request.Resource} in resource group {request.ResourceGroup}: one exists {Where(elsewhere)} in {sub.Name}.",
                state.Words.CommandLine ? $"Deploy to it with --resource-group {group} (or without --resource-group)." : $"Deploy to it in resource group {group}.");
            return false;
        }

        if (!request.Create)
        {
            state.Fail("resource", $"No Foundry resource named {request.Resource} in {sub.Name} ({sub.Id}){(request.ResourceGroup is null ? "" : " group " + request.ResourceGroup)}.",
                $"Check the name, or {state.Words.CreateIt}.");
            return false;
        }

        if (request.ResourceGroup is null || request.Location is null)
        {
            state.Fail("resource", $"{request.Resource} does not exist; creating it needs a resource group and a region.",
                state.Words.CommandLine
                    ? "Add --resource-group RG --location REGION (a region whose catalogue offers Claude, e.g. eastus2 or swedencentral: `foundry-ide deploy --dry-run` says)."
                    : "Give a resource group and a region whose catalogue offers Claude (the region question lists them).");
            return false;
        }

        state.ResourceGroup = request.ResourceGroup;
        state.Location = request.Location.ToLowerInvariant();
        var rgPath = CognitiveServicesClient.ResourceGroupPath(sub.Id, request.ResourceGroup);
        state.ResourceGroupExists = await rest.GetOrNullAsync(rgPath, CognitiveServicesClient.ResourcesApiVersion,
            ArmDeployJsonContext.Default.ResourceGroupResource, cancellationToken) is not null;
        state.Read(rgPath, "the resource group, if it exists");
        var subdomain = request.Resource.ToLowerInvariant();
        var availability = await rest.CheckDomainAvailabilityAsync(sub.Id, subdomain, cancellationToken);
        state.Calls.Add(new PlannedCall("POST", CognitiveServicesClient.CheckDomainPath(sub.Id),
            $"{{\"subdomainName\":\"{subdomain}\",\"type\":\"Microsoft.CognitiveServices/accounts\",\"kind\":\"AIServices\"}}", "is the subdomain free", Done: true));
        if (availability.IsSubdomainAvailable == true)
        {
            state.Pass("name", $"{subdomain} is a valid name and its subdomain ({subdomain}.services.ai.azure.com) is free.");
        }
        else if (await ElsewhereAsync(state, rest, cancellationToken) is { } yours)
        {
            var rg = new Azure.Core.ResourceIdentifier(yours.Id).ResourceGroupName;
            state.Fail("name", $"{yours.Name} exists already in this subscription, in resource group {rg} ({yours.Location}), not in {request.ResourceGroup}.",
                state.Words.CommandLine ? $"Deploy to it with --resource-group {rg} (or without --resource-group), or choose {state.Words.OtherResourceName}."
                    : $"Deploy to it in {rg}, or choose {state.Words.OtherResourceName}.");
        }
        else
        {
            state.Fail("name", $"The subdomain {subdomain} is not available: {availability.Reason ?? "taken"}",
                $"Choose {state.Words.OtherResourceName}. If you deleted a resource of that name, it is soft-deleted for 48 hours (and holds its quota): " +
                "`az cognitiveservices account list-deleted` shows its group and region, then " +
                $"`az cognitiveservices account purge --name {subdomain} --resource-group RG --location REGION` (or `recover` it to use it again).");
        }

        return true;
    }
}
