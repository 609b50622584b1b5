using Azure;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>The preflights about the models: the region offers them, what exists already, quota, Marketplace terms, organisation details.</summary>
public sealed partial class DeployPlanner
{
    private static void ChooseModels(DeployState state, List<Offer> offers, List<DeploymentResource> existing, DateTimeOffset now)
    {
        var request = state.Request;
        var pins = Pins(request);
        var families = AskedFamilies(request, offers, pins);
        foreach (var pinned in pins.Keys.Where(f => !families.Contains(f)))
        {
            state.Warnings.Add($"--model {pinned}=... is ignored: {pinned} is not among the families asked (--models).");
        }

        if (families.Count == 0)
        {
            state.Fail("region", $"{state.Location} offers no Claude model ({ModelPick.Sku}) in its catalogue.", state.Account is not null ? StaysFix(state, null, offers)
                : $"Choose a region whose catalogue offers Claude (the catalogue is per region; Foundry's model page lists them), e.g. {(state.Words.CommandLine ? "--location " : "")}eastus2.");
            return;
        }

        foreach (var family in families)
        {
            pins.TryGetValue(family, out var pin);
            var (offer, why) = ModelPick.Choose(offers, family, pin.Model, pin.Version, now);
            if (offer is null)
            {
                state.Fail("region", $"{state.Location}: {why}", state.Account is not null ? StaysFix(state, family, offers) : state.Words.CommandLine
                    ? "Pick another region (--location), another model (--model FAMILY=MODEL), or leave the family out (--models)."
                    : $"Pick {state.Words.OtherRegion}, or {state.Words.LeaveFamilyOut}.");
                continue;
            }

            if (pin.Model is null) state.Warnings.AddRange(ModelLifecycle.Skipped(offers, family, now).Select(gone => ModelLifecycle.SkippedText(gone, now)));
            if (ModelLifecycle.Warning(offer, offers, now, state.Words) is { } lifecycle) state.Warnings.Add(lifecycle);

            if (pin.Model is not null && offer.Family != family)
            {
                state.Warnings.Add($"--model {family}={offer.Model}: {offer.Model} is {(offer.Family == DeploymentFamily.Other ? "no Claude family's model" : $"a {offer.Family} model")} by its name.");
            }

            state.Info("model", ModelPick.Reason(offer, pin.Model is not null, state.Words, offers) + " " + ModelPick.Hosting);
            var capacity = request.Capacity ?? offer.DefaultCapacity;
            var planned = Plan(state, family, offer, capacity, existing, pin.Model is not null, now);
            if (state.Models.FirstOrDefault(m => m.DeploymentName.Equals(planned.DeploymentName, StringComparison.OrdinalIgnoreCase)) is { } twin)
            {
                var odd = offer.Family == family ? twin.Family : family; // the family whose pin is another family's model
                state.Fail("model", $"{twin.Family} and {family} would both be the deployment {planned.DeploymentName} ({offer.Model}): one deployment per model.",
                    state.Words.CommandLine ? $"Give {odd} a model of its own (--model {odd}=MODEL) or leave it out (--models)." : $"Pick another model for {odd}, or {state.Words.LeaveFamilyOut}.");
                continue;
            }

            state.Models.Add(planned);
        }

        if (state.Models.Any(m => m.Action == PlannedModel.Create)
            && existing.FirstOrDefault(d => Busy(d) && !state.Models.Any(m => m.DeploymentName.Equals(d.Name, StringComparison.OrdinalIgnoreCase))) is { } other)
        {
            state.Fail("existing", $"{other.Name} is {DeployPlanner.State(other.Properties!.ProvisioningState)}: Azure refuses every other deployment change on " +
                $"{state.Request.Resource} until it ends (409 RequestConflict).", $"Wait for it to end, then {state.Words.RunAgain}.");
        }

        if (state.Models.Count > 0 && state.Models.All(m => m.Action != PlannedModel.Blocked))
        {
            state.Pass("region", $"{state.Location} offers {string.Join(", ", state.Models.Select(m => $"{m.Offer.Model}@{m.Offer.Version}"))} ({ModelPick.Sku}).");
        }
    }

    private static async Task CheckQuotaAsync(DeployState state, CognitiveServicesClient rest, CancellationToken cancellationToken)
    {
        var sub = state.Subscription!;
        List<Usage> usages;
        try
        {
            usages = await Collect(rest.ListUsagesAsync(sub.Id, state.Location!, cancellationToken), cancellationToken);
            state.Read(CognitiveServicesClient.UsagesPath(sub.Id, state.Location!), "quota usage and limits");
        }
        catch (RequestFailedException e)
        {
            state.Warn("quota", DeployFailures.Describe(e, "Reading the quota usages", state),
                DeployFailures.ReadFix(e, state) ?? "Check the quota in the Foundry portal (Management center, Quota).");
            return;
        }

        var unreported = new Dictionary<string, List<PlannedModel>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in state.Models.Where(m => m.Action == PlannedModel.Create).GroupBy(m => m.Offer.UsageName ?? ""))
        {
            var asked = group.Sum(m => m.Capacity);
            var models = string.Join(", ", group.Select(m => m.Offer.Model));
            var usage = usages.FirstOrDefault(u => group.Key.Length > 0 && group.Key.Equals(u.Name?.Value, StringComparison.OrdinalIgnoreCase));
            if (usage?.Limit is not { } limit)
            {
                unreported.Add(group.Key, [.. group]); // worded once the capacities are read: none there either means likely never granted
                continue;
            }

            var free = (int)Math.Max(0, limit - (usage.CurrentValue ?? 0));
            state.Quota[group.Key] = new QuotaRoom(free, limit);
            if (limit <= 0)
            {
                state.Fail("quota", $"{models}: no quota has been granted for {(group.Count() > 1 ? "these models" : "this model")} in this subscription ({group.Key}: limit 0).",
                    DeployWords.AtStart(DeployFailures.RequestQuota(state)));
            }
            else if (asked <= free) state.Pass("quota", $"{models}: {asked} asked, {free} free of {limit} ({group.Key}, Global Standard: one pool per subscription).");
            else
            {
                state.Fail("quota", $"{models}: {asked} asked but only {free} free of {limit} ({group.Key}; {usage.CurrentValue} in use across the subscription).",
                    (free == 0 ? $"None is free: {state.Words.LeaveFamilyOut}" : $"Use {state.Words.Capacity(Math.Max(1, free / Math.Max(1, group.Count())))} or less") +
                    ", free some by deleting or shrinking deployments (a deleted resource is " +
                    "soft-deleted and holds its quota for 48 hours unless purged: `az cognitiveservices account purge`), or request more in the Foundry portal (Management center, Quota).");
            }
        }

        var noCapacity = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in state.Models.Where(m => m.Action == PlannedModel.Create))
        {
            var wanted = new DeploymentModel("Anthropic", model.Offer.Model, model.Offer.Version);
            try
            {
                var capacities = await Collect(rest.ListModelCapacitiesAsync(sub.Id, wanted, cancellationToken), cancellationToken);
                state.Read(CognitiveServicesClient.ModelCapacitiesPath(sub.Id, wanted), $"capacity of {model.Offer.Model} per region");
                var here = capacities.FirstOrDefault(c => state.Location!.Equals(c.Location, StringComparison.OrdinalIgnoreCase)
                    && ModelPick.Sku.Equals(c.Properties?.SkuName, StringComparison.OrdinalIgnoreCase));
                if (here?.Properties?.AvailableCapacity is { } known) state.RegionCapacity[model.DeploymentName] = known;
                if (here?.Properties?.AvailableCapacity is not > 0) noCapacity.Add(model.DeploymentName);
                if (NeverGranted(state, model) && here?.Properties?.AvailableCapacity is { } none && none < model.Capacity)
                {
                    continue; // the quota verdict says so, with the fix that leads somewhere
                }

                if (here?.Properties?.AvailableCapacity is { } available && available < model.Capacity)
                {
                    var more = capacities.Where(c => c.Properties?.AvailableCapacity >= model.Capacity && c.Location is { } l && TrustedValues.IsRegionName(l))
                        .Select(c => c.Location!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                    state.Fail("quota", $"{model.Offer.Model}: {state.Location} has {available} capacity available for this subscription, {model.Capacity} asked.",
                        ((int)available < 1 ? $"None is free here: {state.Words.LeaveFamilyOut}" : $"Use {state.Words.Capacity((int)available)} or less") +
                        (more.Length > 0 ? $", or a region with more: {string.Join(", ", more)}." : " (no other region has more for this subscription)."));
                }
            }
            catch (RequestFailedException e)
            {
                state.Warn("quota", DeployFailures.Describe(e, $"Reading the model capacities of {model.Offer.Model}", state), DeployFailures.ReadFix(e, state));
            }
        }

        foreach (var (usageName, group) in unreported)
        {
            var models = string.Join(", ", group.Select(m => m.Offer.Model));
            var name = usageName.Length == 0 ? "no usage name in the catalogue" : usageName;
            if (group.All(m => noCapacity.Contains(m.DeploymentName)))
            {
                // Azure does not document what a missing usage entry means: likely, not certainly, no quota.
                state.Warn("quota", $"Neither the region's quota usages ({name}) nor the model capacities list {models} for this subscription: " +
                    "quota is likely not granted for it, and the deployment would then fail with InsufficientQuota after the resource is created.",
                    $"Check the Foundry portal (Management center, Quota); if none is listed, {DeployFailures.RequestQuota(state)}");
            }
            else
            {
                state.Warn("quota", $"The region reports no quota for {models} ({name}): it cannot be checked before the PUT.",
                    "If the deployment fails with InsufficientQuota, request quota in the Foundry portal (Management center, Quota).");
            }
        }
    }

    /// <summary>The model's quota usage says its limit is 0: never granted in this subscription.</summary>
    private static bool NeverGranted(DeployState state, PlannedModel model) =>
        model.Offer.UsageName is { } usage && state.Quota.TryGetValue(usage, out var room) && room.Limit <= 0;

    private static async Task CheckMarketplaceAsync(DeployState state, CognitiveServicesClient rest, CancellationToken cancellationToken)
    {
        var sub = state.Subscription!;
        List<AgreementResource> agreements;
        try
        {
            agreements = await Collect(rest.ListAgreementsAsync(sub.Id, cancellationToken), cancellationToken);
            state.Read(CognitiveServicesClient.AgreementsPath(sub.Id), "Marketplace agreements of the subscription");
        }
        catch (RequestFailedException e)
        {
            state.Warn("marketplace", DeployFailures.Describe(e, "Reading the Marketplace agreements", state), DeployFailures.ReadFix(e, state));
            return;
        }

        // The list holds the offers whose terms were signed (state Active) or cancelled since: the offer in properties,
        // the plan as the item's name (MarketplaceAgreements_List, 2021-01-01).
        var unsigned = new List<string>();
        foreach (var model in state.Models.Where(m => m.Action == PlannedModel.Create))
        {
            var match = agreements.Where(a => a.Properties is { } p && (p.Publisher ?? "").Contains("anthropic", StringComparison.OrdinalIgnoreCase)
                && (NamesModel(p.Offer, model.Offer.Model) || NamesModel(a.Name, model.Offer.Model))).ToList();
            if (match.FirstOrDefault(a => "Active".Equals(a.Properties!.State, StringComparison.OrdinalIgnoreCase)) is { } accepted)
            {
                state.Pass("marketplace", $"{model.Offer.Model}: Anthropic's terms ({accepted.Properties!.Offer}/{accepted.Name}) are accepted in this subscription.");
                continue;
            }

            unsigned.Add(model.Offer.Model);
            if (match.FirstOrDefault() is { } declined && TermWords(declined) is { } terms)
            {
                // Azure subscribes again with the deployment on an eligible subscription; accepting first is the sure way.
                state.Warn("marketplace", $"{model.Offer.Model}: Anthropic's Marketplace terms ({terms.Offer}/{terms.Plan}) were cancelled in this subscription.",
                    $"Read and accept them: az term accept --publisher {terms.Publisher} --product {terms.Offer} --plan {terms.Plan}");
            }
            else
            {
                state.Info("marketplace", $"{model.Offer.Model}: no Anthropic Marketplace agreement in this subscription yet. With the first deployment Azure subscribes to " +
                    $"Anthropic's offer (publisher anthropic, offer anthropic-{model.Offer.Model}-offer) in your name, with the organisation details, and accepts its terms.",
                    "A subscription that may not buy it fails then with \"Marketplace Subscription purchase eligibility check failed\": Claude needs a paid subscription " +
                    "with a valid payment method (not CSP, sponsored credits or a Microsoft account).");
            }
        }

        // Subscribing is done as the caller: it needs the Marketplace and SaaS actions (Owner and Contributor have them).
        var missing = unsigned.Count == 0 || state.Permissions is not { } sets ? []
            : MarketplaceActions.Where(a => !WritePermissions.Allows(sets, a)).ToList();
        if (missing.Count > 0)
        {
            state.Warn("marketplace", $"Subscribing to Anthropic's offer for {string.Join(", ", unsigned)} needs {string.Join(", ", missing)}, which the identity's roles here do not grant: " +
                "Azure may refuse the deployment.", "Ask an owner for Contributor on the resource group (it includes them), or a role with these actions.");
        }
    }

    /// <summary>The text names the model itself, not a longer one (claude-sonnet-4 is not claude-sonnet-4-5's offer).</summary>
    internal static bool NamesModel(string? text, string model)
    {
        for (var at = (text ?? "").IndexOf(model, StringComparison.OrdinalIgnoreCase); at >= 0; at = text!.IndexOf(model, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var rest = text.AsSpan(at + model.Length);
            if (rest.IsEmpty || (rest[0] != '-' && !char.IsAsciiLetterOrDigit(rest[0])) || (rest[0] == '-' && (rest.Length == 1 || !char.IsAsciiDigit(rest[1]))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Publisher, offer and plan as words that may go into a printed command line (they come from ARM), else null.</summary>
    private static (string Publisher, string Offer, string Plan)? TermWords(AgreementResource a) =>
        a.Properties is { Publisher: { } publisher, Offer: { } offer } && a.Name is { } plan && new[] { publisher, offer, plan }.All(IsTermWord)
            ? (publisher, offer, plan) : null;

    private static bool IsTermWord(string w) => w.Length is > 0 and <= 100 && w.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>What the first deployment of a Marketplace model does as the caller (Foundry's documented permissions).</summary>
    internal static readonly string[] MarketplaceActions =
    [
        "Microsoft.MarketplaceOrdering/agreements/offers/plans/sign/action", "Microsoft.SaaS/register/action", "Microsoft.SaaS/resources/write",
    ];

    private static void CheckProviderData(DeployState state)
    {
        var request = state.Request;
        if (string.IsNullOrWhiteSpace(request.Organization) || string.IsNullOrWhiteSpace(request.Industry) || string.IsNullOrWhiteSpace(request.Country))
        {
            state.Fail("providerData", "A new Claude deployment needs the organisation details Azure passes to Anthropic (modelProviderData); without them Azure answers InvalidModelProviderData.",
                $"Give {state.Words.Organisation}.");
            return;
        }

        var industry = request.Industry.Trim().ToLowerInvariant();
        if (industry != request.Industry) state.Warnings.Add($"The industry \"{request.Industry}\" is sent as \"{industry}\": Anthropic refuses upper case (AnthropicOrganizationCreationException).");
        state.ProviderData = new ModelProviderData(request.Organization.Trim(), industry, request.Country.ToUpperInvariant());
        state.Pass("providerData", $"Organisation {state.ProviderData.OrganizationName}, industry {industry}, country {state.ProviderData.CountryCode}.");
    }
}
