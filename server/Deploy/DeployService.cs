using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>`deploy`: plan (read only, every preflight) and, unless it is a dry run, apply.</summary>
public sealed class DeployService(DeployPlanner planner, DeployApplier applier, AzureConnections connections)
{
    /// <param name="words">How fixes name what to change: <see cref="DeployWords.Cli"/> or <see cref="DeployWords.Editor"/>.</param>
    public async Task<DeployResult> ApplyAsync(DeployParams request, DeployWords words, Action<string> progress, CancellationToken cancellationToken)
    {
        var state = await planner.PlanAsync(request, words, progress, cancellationToken);
        if (state.ProviderUnregistered && !state.Blocked)
        {
            // Registered first, then planned again: every check runs before anything else is written.
            if (await ProviderRegistrar.RegisterAsync(connections.Current.Rest, state, progress, cancellationToken) is { } failed)
            {
                return Result(state, dryRun: false, [], [failed], null, created: false);
            }

            var first = state;
            state = await planner.PlanAsync(request, words, progress, cancellationToken);
            state.Calls.InsertRange(0, first.Calls);
        }

        if (state.Blocked)
        {
            // Each failed verdict with its fix: the editor showed the plan before registering, not these.
            var failed = state.Verdicts.Where(v => v.Status == "fail").ToList();
            var registered = state.Calls.Any(c => c.Done && c.Method == "POST" && c.Path.EndsWith("/register", StringComparison.Ordinal));
            return Result(state, dryRun: false, [.. state.Models.Select(m => Planned(m) with { State = m.Action == PlannedModel.Create ? "notCreated" : Planned(m).State })],
                [new DeployError("PreflightFailed",
                    $"{(registered ? "Microsoft.CognitiveServices was registered; nothing else" : "Nothing")} was written: preflight failed. " +
                    string.Join(" ", failed.Select(v => $"{v.Check}: {v.Detail}")),
                    string.Join(" ", failed.Select(v => v.Fix).OfType<string>().Distinct()) is { Length: > 0 } fixes ? fixes : "See each failed verdict's fix.")],
                null, created: false);
        }

        var (errors, created, role) = await applier.ApplyAsync(state, progress, cancellationToken);
        var deployments = await ReadBackAsync(state, cancellationToken);
        return Result(state, dryRun: false, deployments, errors, role, created);
    }

    /// <summary>What exists now, from ARM (also after a cancellation: a short call of its own).</summary>
    private async Task<List<DeployedModel>> ReadBackAsync(DeployState state, CancellationToken cancellationToken)
    {
        using var own = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var token = cancellationToken.IsCancellationRequested ? own.Token : cancellationToken;
        List<DeploymentResource> existing = [];
        if (state.Account is not null)
        {
            try
            {
                existing = await DeployPlanner.Collect(connections.Current.Rest.ListDeploymentsAsync(state.AccountId!, token), token);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or TimeoutException or OperationCanceledException)
            {
                state.Warnings.Add(DeployFailures.Describe(e, "Reading the deployments back", state) + " The states below are the planned ones.");
                return [.. state.Models.Select(Planned)];
            }
        }

        return [.. state.Models.Select(m =>
        {
            var found = existing.FirstOrDefault(d => d.Name.Equals(m.DeploymentName, StringComparison.OrdinalIgnoreCase));
            return found is null
                ? Planned(m) with { State = "notCreated" }
                : new DeployedModel(found.Name, found.Properties?.Model?.Name ?? m.Offer.Model, found.Properties?.Model?.Version ?? m.Offer.Version, m.Family,
                    found.Sku?.Name ?? m.Offer.Sku, found.Sku?.Capacity ?? m.Capacity, found.Properties?.ProvisioningState ?? "unknown",
                    m.Action == PlannedModel.Create, HostingOf(m, PlannedModel.SkuName(found.Sku?.Name), found.Properties?.Model?.Version));
        })];
    }

    public async Task<DeployResult> PlanAsync(DeployParams request, DeployWords words, Action<string> progress, CancellationToken cancellationToken)
    {
        var state = await planner.PlanAsync(request, words, progress, cancellationToken);
        return Result(state, dryRun: true, [], [], null, created: false);
    }

    /// <summary>
    /// 0 when every asked model is deployed and Succeeded (a dry run: when no preflight fails and every check could run),
    /// 1 otherwise.
    /// </summary>
    public static int ExitCode(DeployResult result) => result.DryRun
        ? result.Plan.Preflight.Any(v => v.Status == "fail" || v.Check == DeployState.Unchecked) ? 1 : 0
        : result.Errors.Count == 0 && result.Deployments.Count > 0 && result.Deployments.All(d => d.State == "Succeeded") ? 0 : 1;

    /// <summary>The result for what was found (and, after apply, what was done): nothing half-done is hidden.</summary>
    internal DeployResult Result(
        DeployState state, bool dryRun, IReadOnlyList<DeployedModel> deployments, IReadOnlyList<DeployError> errors, RoleAssignmentInfo? role, bool created)
    {
        var calls = state.Calls.ToList();
        if (dryRun) calls.AddRange(DeployBodies.Writes(state));
        var resource = state.Subscription is null ? null : new DeployResourceInfo(
            state.Request.Resource, state.Account?.Id ?? state.AccountId, Endpoint(state.Account, connections.Current.Cloud.Foundry), created, state.Account is not null,
            state.Subscription.Id, state.ResourceGroup, state.Location);
        var models = dryRun ? [.. state.Models.Select(Planned)] : deployments;
        if (dryRun && state.Request.GrantAccess && state.Identity?.ObjectId is { } oid && state.AccountId is { } scope)
        {
            role = new RoleAssignmentInfo(DeployBodies.AzureAIUserRole, oid, scope,
                state.HasDataAccess ? "existing" : state.MayAssignRoles ? "planned" : "notAllowed", null,
                state.Verdicts.LastOrDefault(v => v.Check == "access")?.Detail ?? "", state.Verdicts.LastOrDefault(v => v.Check == "access")?.Fix);
        }

        return new DeployResult(resource, models, role, new DeployPlan(state.Verdicts, calls, Offered(state), dryRun ? CapacityQuestionOf(state) : null), state.Warnings, errors, dryRun);
    }

    internal static List<OfferedModel> Offered(DeployState state) =>
    [
        .. state.Offers.Select(o => new OfferedModel(o.Family, o.Model, o.Version, o.IsDefaultVersion, o.Lifecycle,
            state.Models.Any(m => m.Offer == o), $"{o.Family}={o.Model}@{o.Version}", o.HostedOn)),
    ];

    /// <summary>
    /// The deployments a capacity applies to (to be created, or blocked by the capacity itself) and the quota verdicts,
    /// when nothing but quota stands in the way; null otherwise.
    /// </summary>
    internal static CapacityQuestion? CapacityQuestionOf(DeployState state)
    {
        var sized = state.Models.Where(m => m.Action == PlannedModel.Create || (m.Action == PlannedModel.Blocked && m.ExistingState is null)).ToList();
        var failed = state.Verdicts.Where(v => v.Status == "fail").ToList();
        if (sized.Count == 0 || failed.Any(v => v.Check != "quota")) return null;
        return new CapacityQuestion([.. sized.Select(m => CapacityLine(state, m))], failed.Count > 0);
    }

    /// <summary>"✓ name (model version): 50 planned, 300 of 300 free": the quota pool's room and the region's, when read.</summary>
    private static string CapacityLine(DeployState state, PlannedModel m)
    {
        if (m.Capacity > m.Offer.MaxCapacity)
        {
            return $"✗ {m.DeploymentName} ({m.Offer.Model} {m.Offer.Version}): {m.Capacity} planned, over its maximum of {m.Offer.MaxCapacity} per deployment";
        }

        var room = m.Offer.UsageName is { } usage ? state.Quota.GetValueOrDefault(usage) : null;
        var region = state.RegionCapacity.TryGetValue(m.DeploymentName, out var available) ? available : (double?)null;
        var fits = room is null && region is null ? (bool?)null : (room is null || m.Capacity <= room.Free) && (region is null || m.Capacity <= region);
        var icon = fits switch { true => "✓", false => "✗", null => "?" };
        var free = room is null ? "quota not reported" : $"{room.Free} of {room.Limit} free";
        var regionText = region is { } r && r < (room?.Free ?? double.MaxValue) ? $", {r} available in {state.Location}" : "";
        return $"{icon} {m.DeploymentName} ({m.Offer.Model} {m.Offer.Version}): {m.Capacity} planned, {free}{regionText}";
    }

    internal static DeployedModel Planned(PlannedModel m) => new(
        m.DeploymentName, m.Offer.Model, m.Action == PlannedModel.Reuse ? m.ExistingVersion ?? m.Offer.Version : m.Offer.Version, m.Family,
        m.Action == PlannedModel.Reuse ? m.ExistingSku ?? m.Offer.Sku : m.Offer.Sku,
        m.Capacity, m.Action switch { PlannedModel.Reuse => m.ExistingState ?? "Succeeded", PlannedModel.Create => "planned", _ => m.TakenBy is null ? m.ExistingState ?? "blocked" : "blocked" },
        Created: false, m.Action == PlannedModel.Reuse ? HostingOf(m, m.ExistingSku, m.ExistingVersion) : HostingOf(m, m.Offer.Sku, m.Offer.Version));

    /// <summary>The deployment's own SKU says where requests go; the catalogue's hostedOn only when it is the offer's version.</summary>
    private static string HostingOf(PlannedModel m, string? sku, string? version) =>
        version == m.Offer.Version && ModelPick.HostedOnText(m.Offer) is { } where ? $"{ModelPick.HostingOf(sku)} This version: {where}." : ModelPick.HostingOf(sku);

    /// <summary>The Foundry endpoint ARM reports, when it passes the cloud's host rules.</summary>
    internal static string? Endpoint(AccountResource? account, FoundryHosts hosts)
    {
        if (account?.Properties is not { } p) return null;
        var endpoint = p.Endpoints?.GetValueOrDefault("AI Foundry API") ?? (p.CustomSubDomainName is { } s ? $"https://{s}.services.ai.azure.com/" : null);
        return endpoint is not null && hosts.Problem(endpoint) is null ? endpoint : null;
    }
}
