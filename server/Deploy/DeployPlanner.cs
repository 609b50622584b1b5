using System.Text.RegularExpressions;
using Azure;
using FoundryIde.Server.Access;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>
/// The read-only half of `deploy`: finds the subscription, resource and region, picks each family's model from the
/// region's catalogue, and runs every preflight (permissions, name, region, existing deployments, quota, Marketplace,
/// organisation details, access) before anything is written. Every ARM call it makes is listed in the plan.
/// </summary>
public sealed partial class DeployPlanner(AzureConnections connections, RegionFinder regions, TimeProvider clock)
{
    public async Task<DeployState> PlanAsync(DeployParams request, DeployWords words, Action<string> progress, CancellationToken cancellationToken)
    {
        Validate(request);
        var state = new DeployState { Request = request, Words = words };
        var rest = connections.Current.Rest;
        progress("Reading the subscription");
        var subscriptions = await SubscriptionLister.ListWithPoliciesAsync(connections.Current, request.Subscription, cancellationToken);
        if (subscriptions.Count != 1)
        {
            state.Fail("subscription", $"{TrustedValues.Show(request.Subscription)} names {subscriptions.Count} subscriptions.",
                subscriptions.Count == 0 ? "Check the name or id (`az account list --output table` lists those the identity sees)."
                    : $"Pass the subscription id: {string.Join(" or ", subscriptions.Select(s => s.Info.Id))}.");
            return state;
        }

        var sub = state.Subscription = subscriptions[0].Info;
        state.Identity = connections.Current.Credential.Identity;
        SubscriptionOffer.Judge(state, subscriptions[0].Policies?.QuotaId, subscriptions[0].Policies?.SpendingLimit?.ToString());
        var step = ("provider", "Reading the registration of Microsoft.CognitiveServices");
        try
        {
            if (!await CheckProviderAsync(state, rest, cancellationToken))
            {
                CheckProviderData(state); // nothing exists yet, so every deployment is new: known before anything is registered
                return state;
            }

            progress($"Looking for {request.Resource}");
            step = ("resource", $"Looking for {request.Resource} in the subscription");
            if (!await FindAccountAsync(state, rest, cancellationToken)) return state;
            step = ("resource", $"Checking the new resource {request.Resource}");
            if (state.Account is null && !await PlanNewAccountAsync(state, rest, cancellationToken)) return state;

            step = ("permissions", "Reading the identity's permissions");
            await CheckPermissionsAsync(state, rest, cancellationToken);
            progress($"Reading the model catalogue of {state.Location}");
            step = ("region", $"Reading the model catalogue of {state.Location}");
            var offers = state.Offers = ModelPick.Offers(await Collect(rest.ListLocationModelsAsync(sub.Id, state.Location!, cancellationToken), cancellationToken));
            state.Read(CognitiveServicesClient.LocationModelsPath(sub.Id, state.Location!), "the region's model catalogue (format Anthropic)");
            step = ("existing", $"Listing the deployments of {request.Resource}");
            var existing = state.Account is null ? [] : await Collect(rest.ListDeploymentsAsync(state.Account.Id, cancellationToken), cancellationToken);
            if (state.Account is not null) state.Read(state.Account.Id + "/deployments", "existing deployments");
            if (state.Account is not null && AnyUnoffered(state.Request, offers, clock.GetUtcNow()))
            {
                step = ("region", "Reading where Claude is offered");
                await FindRegionsElsewhereAsync(state, progress, cancellationToken);
            }

            ChooseModels(state, offers, existing, clock.GetUtcNow());
            if (state.Models.Any(m => m.Action == PlannedModel.Create))
            {
                progress("Checking quota and Marketplace terms");
                step = ("quota", "Checking quota and Marketplace terms");
                await CheckQuotaAsync(state, rest, cancellationToken);
                await CheckMarketplaceAsync(state, rest, cancellationToken);
                CheckProviderData(state);
            }
        }
        catch (Exception e) when (DeployFailures.Refusal(e) is not null)
        {
            // A read Azure refused (403 on a subscription the identity only sees, 404, 5xx): the verdict, never a crash.
            var (detail, fix) = DeployFailures.Refused(DeployFailures.Refusal(e)!, step.Item2, state);
            state.Fail(step.Item1, detail, fix);
        }

        return state;
    }

    private static void Validate(DeployParams request)
    {
        if (string.IsNullOrWhiteSpace(request.Subscription)) throw Invalid("--subscription is required (id or name).");
        if (!AccountName().IsMatch(request.Resource ?? ""))
        {
            throw Invalid($"--resource {TrustedValues.Show(request.Resource)}: a Foundry resource name is 2 to 64 letters, digits or hyphens, starting and ending with a letter or digit.");
        }

        if (request.ResourceGroup is { } rg && !ResourceGroupName().IsMatch(rg))
        {
            throw Invalid($"--resource-group {TrustedValues.Show(rg)}: 1 to 90 letters, digits, '-', '_', '.', '(' or ')', not ending with '.'.");
        }

        if (request.Location is { } loc && !TrustedValues.IsRegionName(loc))
        {
            // The portal shows display names ("East US 2"); ARM's name is the same words, lower case, run together.
            var named = string.Concat(loc.Where(c => c != ' ')).ToLowerInvariant();
            throw Invalid($"--location {TrustedValues.Show(loc)}: a region's name, such as eastus2" +
                (loc.Contains(' ', StringComparison.Ordinal) && TrustedValues.IsRegionName(named) ? $" (for {TrustedValues.Show(loc)}: {named})." : "."));
        }
        if (request.Capacity is < 1 or > 100_000) throw Invalid("--capacity must be between 1 and 100000 (thousands of tokens per minute).");
        if (request.Country is { } cc && !Country().IsMatch(cc)) throw Invalid($"--country {TrustedValues.Show(cc)}: a two-letter country code such as US.");
        if (request.Country is { } code && !CountryCodes.IsAssigned(code))
        {
            throw Invalid(CountryCodes.Meant(code) is { } meant
                ? $"--country {code}: not an ISO 3166-1 code; {meant.Name}'s is {meant.Code}."
                : $"--country {code}: not an ISO 3166-1 country code (two letters such as US, GB, DE, JP).");
        }

        foreach (var family in request.Models ?? [])
        {
            if (!DeploymentChoice.Families.Contains(family.ToLowerInvariant()))
            {
                throw Invalid($"--models: {TrustedValues.Show(family)} is not a Claude family ({string.Join(", ", DeploymentChoice.Families)}).");
            }
        }

        foreach (var pinned in (request.Pins ?? []).Select(p => ModelPick.ParsePin(p).Family).Where(f => !DeploymentChoice.Families.Contains(f)))
        {
            throw Invalid($"--model {TrustedValues.Show(pinned)}=...: not a Claude family ({string.Join(", ", DeploymentChoice.Families)}).");
        }

        foreach (var twice in (request.Pins ?? []).Select(p => ModelPick.ParsePin(p).Family).GroupBy(f => f, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw Invalid($"--model {twice.Key}=... is given {twice.Count()} times: one model per family.");
        }
        foreach (var text in new[] { request.Organization, request.Industry })
        {
            if (text is not null && (text.Length > 200 || string.IsNullOrWhiteSpace(text) || TrustedValues.ForbiddenChar(text) is not null))
            {
                throw Invalid($"{TrustedValues.Show(text)}: organisation details are plain text of 1 to 200 characters.");
            }
        }
    }

    private static async Task CheckPermissionsAsync(DeployState state, CognitiveServicesClient rest, CancellationToken cancellationToken)
    {
        var sub = state.Subscription!;
        var scope = state.Account?.Id ?? (state.ResourceGroupExists ? CognitiveServicesClient.ResourceGroupPath(sub.Id, state.ResourceGroup!) : $"/subscriptions/{sub.Id}");
        List<PermissionSet> sets;
        try
        {
            sets = await Collect(rest.ListPermissionsAsync(scope, cancellationToken), cancellationToken);
            state.Read(scope + "/providers/Microsoft.Authorization/permissions", "what the identity may do there");
        }
        catch (RequestFailedException e)
        {
            state.Fail("permissions", DeployFailures.Describe(e, $"Reading the identity's permissions on {scope}", state),
                DeployFailures.ReadFix(e, state) ?? "Ask an owner for Contributor (or Owner) on the resource group.");
            return;
        }

        state.Permissions = sets;
        var needed = new List<string> { WritePermissions.DeploymentWrite };
        if (state.Account is null || state.RetryAccount) needed.Add(WritePermissions.AccountWrite);
        if (state.Account is null && !state.ResourceGroupExists) needed.Add(WritePermissions.ResourceGroupWrite);
        var missing = needed.Where(a => !WritePermissions.Allows(sets, a)).ToList();
        var who = state.Identity?.Name ?? state.Identity?.ObjectId ?? "The signed-in identity";
        if (missing.Count == 0) state.Pass("permissions", $"{who} may {string.Join(", ", needed)} on {scope}.");
        else
        {
            state.Fail("permissions", $"{who} may not {string.Join(", ", missing)} on {scope}.",
                $"Ask an owner: az role assignment create --role Contributor --assignee-object-id {state.Identity?.ObjectId ?? "<object id>"} --scope {scope}" +
                " (or \"Cognitive Services Contributor\" on the resource group for deployments only).");
        }

        state.MayAssignRoles = WritePermissions.Allows(sets, WritePermissions.RoleAssignmentWrite);
        var data = DataActionCoverage.Evaluate(sets.SelectMany(s => s.DataActions ?? []), sets.SelectMany(s => s.NotDataActions ?? []));
        state.HasDataAccess = state.Account is not null && data.Verdict == DataActionCoverage.Verdict.Covered;
        if (!state.Request.GrantAccess)
        {
            if (data.Verdict != DataActionCoverage.Verdict.Covered) WarnNoDataAccess(state, who);
            return;
        }

        if (state.HasDataAccess) state.Pass("access", $"{who} may already call Claude on {state.Request.Resource}: no role assignment is needed.");
        else if (state.MayAssignRoles) state.Pass("access", $"{who} may write role assignments: \"Azure AI User\" will be assigned on the resource.");
        else
        {
            state.Warn("access", $"{who} may not write role assignments on {scope}, so {(state.Words.CommandLine ? "--grant-access" : "FoundryIde")} cannot assign \"Azure AI User\".",
                "Ask an owner (or a User Access Administrator) to run: az role assignment create --role \"Azure AI User\" " +
                $"--assignee-object-id {state.Identity?.ObjectId ?? "<object id>"} --scope {state.AccountId}");
        }
    }

    /// <summary>Without --grant-access, an identity no data role lets call Claude there: Claude Code signing in as it is refused.</summary>
    private static void WarnNoDataAccess(DeployState state, string who)
    {
        var grant = state.Words.CommandLine ? "add --grant-access" : "answer \"Yes, give Claude Code's identity access\"";
        state.Warn("access", $"{who} may not call Claude on {state.Request.Resource} (no role of it allows {DataActionCoverage.Required}): Claude Code signing in " +
            "as it would be refused (PermissionDenied), unless it uses the resource's key.",
            state.MayAssignRoles
                ? $"{DeployWords.AtStart(grant)}: it may assign \"Azure AI User\" on the resource."
                : $"Ask an owner to run: az role assignment create --role \"Azure AI User\" --assignee-object-id {state.Identity?.ObjectId ?? "<object id>"} --scope {state.AccountId}");
    }

    /// <summary>
    /// New subscriptions start with Microsoft.CognitiveServices unregistered, and Azure then answers
    /// MissingSubscriptionRegistration to every call about Foundry resources: false when nothing more can be checked yet.
    /// </summary>
    private static async Task<bool> CheckProviderAsync(DeployState state, CognitiveServicesClient rest, CancellationToken cancellationToken)
    {
        var sub = state.Subscription!;
        ProviderRegistration provider;
        try
        {
            provider = await ArmGate.WithDeadlineAsync(ct => rest.GetProviderAsync(sub.Id, ct), cancellationToken);
            state.Read(CognitiveServicesClient.ProviderPath(sub.Id), "whether Microsoft.CognitiveServices is registered in the subscription");
        }
        catch (RequestFailedException e)
        {
            state.Warn("provider", DeployFailures.Describe(e, "Reading the registration of Microsoft.CognitiveServices", state), DeployFailures.ReadFix(e, state));
            return true;
        }

        if ("Registered".Equals(provider.RegistrationState, StringComparison.OrdinalIgnoreCase)) return true;
        state.ProviderUnregistered = true;
        state.Warn("provider", $"Microsoft.CognitiveServices is {State(provider.RegistrationState)} in this subscription " +
            "(a new subscription starts so): until it is registered, Azure answers MissingSubscriptionRegistration to everything about Foundry resources.",
            state.Words.RegisterProvider(sub.Id));
        state.Warn(DeployState.Unchecked, "The name, region, model, quota, Marketplace and write-permission checks could not run: they need Microsoft.CognitiveServices " +
            "registered. This plan is incomplete until it is.", null);
        ProviderRegistrar.CheckInputs(state);
        await ProviderRegistrar.CheckMayRegisterAsync(state, rest, cancellationToken);
        return false;
    }

    /// <summary>A registration state as ARM wrote it when it is a plain word (NotRegistered, Registering), else "not registered".</summary>
    internal static string State(string? registrationState) => TrustedValues.PlainWord(registrationState, "not registered");

    internal static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken) =>
        await ArmGate.WithDeadlineAsync(async ct =>
        {
            var list = new List<T>();
            await foreach (var item in items.WithCancellation(ct)) list.Add(item);
            return list;
        }, cancellationToken);

    private static FoundryException Invalid(string message) => new(FoundryErrorCode.InvalidInput, message);

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])$")]
    private static partial Regex AccountName();

    [GeneratedRegex(@"^[-\w._()]{0,89}[-\w_()]$")]
    private static partial Regex ResourceGroupName();


    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex Country();
}
