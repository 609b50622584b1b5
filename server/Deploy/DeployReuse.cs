using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Models;

namespace FoundryIde.Server.Deploy;

/// <summary>What becomes of each family's deployment given those that exist: reused as it is, created, or blocked (a verdict says why).</summary>
public sealed partial class DeployPlanner
{
    /// <summary>Reuse a healthy deployment of the same model; otherwise create one named after the model, unless that name is in the way.</summary>
    private static PlannedModel Plan(DeployState state, string family, Offer offer, int capacity, List<DeploymentResource> existing, bool pinned, DateTimeOffset now)
    {
        // A deployment whose name Azure would not allow (from a hostile or broken answer) is never reused or printed as ours.
        existing = [.. existing.Where(d => TrustedValues.DeploymentNameProblem(d.Name) is null)];
        static bool SameModel(DeploymentResource d, Offer o) =>
            "Anthropic".Equals(d.Properties?.Model?.Format, StringComparison.OrdinalIgnoreCase)
            && o.Model.Equals(d.Properties?.Model?.Name, StringComparison.OrdinalIgnoreCase);

        // A deployment named as another Claude model's id is not reused: Claude Code would send it that model's requests.
        var healthy = existing.Where(d => SameModel(d, offer) && "Succeeded".Equals(d.Properties?.ProvisioningState, StringComparison.OrdinalIgnoreCase)
                && ClaudeModels.NamedAsOther(d.Name, offer.Model) is null)
            .OrderByDescending(d => d.Properties?.Model?.Version == offer.Version).FirstOrDefault();
        if (healthy is not null && (!pinned || healthy.Properties?.Model?.Version == offer.Version))
        {
            var version = healthy.Properties?.Model?.Version;
            var sku = PlannedModel.SkuName(healthy.Sku?.Name);
            var serves = $"{healthy.Name} already serves {offer.Model}@{Shown(version)} ({ModelPick.SkuText(sku)})";
            if (ReuseConcern(state, offer, version, now) is { } concern)
            {
                state.Warn("existing", $"{serves}, {concern}: reused as it is, not duplicated.",
                    $"To deploy {offer.Model}@{offer.Version} beside it: {state.Words.PinModel(family, $"{offer.Model}@{offer.Version}")}.");
            }
            else
            {
                state.Pass("existing", $"{serves}: reused, not duplicated.");
            }

            if (state.Request.Capacity is { } asked && asked != healthy.Sku?.Capacity)
            {
                state.Warnings.Add($"{DeployWords.AtStart(state.Words.Capacity(asked))} is not applied to {healthy.Name}: an existing deployment is reused as it is " +
                    $"(capacity {healthy.Sku?.Capacity}); change it in the Foundry portal (Deployments, Edit).");
            }

            return new PlannedModel(family, offer, healthy.Name, healthy.Sku?.Capacity ?? capacity, PlannedModel.Reuse, "Succeeded", version, pinned, ExistingSku: sku);
        }

        if (existing.FirstOrDefault(d => SameModel(d, offer) && Busy(d)) is { } running)
        {
            // Being created (or changed) already, under whatever name: waited for, never duplicated.
            var runningState = running.Properties!.ProvisioningState!;
            state.Fail("existing", $"{running.Name} ({offer.Model}) is {DeployPlanner.State(runningState)}: an operation on it is still running.",
                $"Wait for it to end, then {state.Words.RunAgain}: it is then reused.");
            return new PlannedModel(family, offer, running.Name, running.Sku?.Capacity ?? capacity, PlannedModel.Blocked, runningState, running.Properties?.Model?.Version, pinned);
        }

        var name = pinned && healthy is not null ? $"{offer.Model}-{offer.Version}" : offer.Model;
        var inTheWay = existing.FirstOrDefault(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (inTheWay is not null && !pinned && !SameModel(inTheWay, offer)
            && $"{offer.Model}-{offer.Version}" is var beside && !existing.Any(d => d.Name.Equals(beside, StringComparison.OrdinalIgnoreCase)))
        {
            state.Info("existing", $"The name {name} is taken by a deployment of {Shown(inTheWay.Properties?.Model?.Name)}@{Shown(inTheWay.Properties?.Model?.Version)}: " +
                $"the new deployment of {offer.Model} is named {beside}.");
            (name, inTheWay) = (beside, null);
        }

        if (inTheWay is null)
        {
            if (capacity > offer.MaxCapacity)
            {
                state.Fail("quota", $"A capacity of {capacity} is over {offer.Model}'s maximum of {offer.MaxCapacity} per deployment.", $"Use {state.Words.Capacity(offer.MaxCapacity)} or less.");
                return new PlannedModel(family, offer, name, capacity, PlannedModel.Blocked, null, null, pinned);
            }

            return new PlannedModel(family, offer, name, capacity, PlannedModel.Create, null, null, pinned);
        }

        var inState = inTheWay.Properties?.ProvisioningState ?? "unknown";
        var delete = $"az cognitiveservices account deployment delete --resource-group {state.ResourceGroup} --name {state.Request.Resource} --deployment-name {inTheWay.Name}";
        if (Ended(inTheWay) && !"Succeeded".Equals(inState, StringComparison.OrdinalIgnoreCase))
        {
            // Failed, Canceled (a creation stopped half-way) or Disabled: a PUT under its name does not start afresh.
            state.Fail("existing", $"A {DeployPlanner.State(inState)} deployment named {inTheWay.Name} is in the way: Azure does not reuse a {DeployPlanner.State(inState)} deployment's name.",
                $"Delete it, then {state.Words.RunAgain}: {delete}");
        }
        else if (SameModel(inTheWay, offer))
        {
            state.Fail("existing", $"{inTheWay.Name} ({offer.Model}) is {inState}: an operation on it is still running.", $"Wait for it to end, then {state.Words.RunAgain}.");
        }
        else
        {
            var other = $"{inTheWay.Properties?.Model?.Name}@{inTheWay.Properties?.Model?.Version}";
            state.Fail("existing", $"The name {inTheWay.Name} is taken by a deployment of {other}.",
                state.Words.PinOtherModel(family) is { } pin ? $"{DeployWords.AtStart(pin)}, or delete it: {delete}" : $"Delete it: {delete}");
            return new PlannedModel(family, offer, name, capacity, PlannedModel.Blocked, inState, inTheWay.Properties?.Model?.Version, pinned, TakenBy: other);
        }

        return new PlannedModel(family, offer, name, capacity, PlannedModel.Blocked, inState, inTheWay.Properties?.Model?.Version, pinned);
    }

    /// <summary>
    /// Its provisioning state is a final one (Microsoft.CognitiveServices' DeploymentProvisioningState: Succeeded, Failed,
    /// Canceled, Disabled); the others (Accepted, Creating, Moving, Deleting, and Updating) mean an operation is running.
    /// </summary>
    private static bool Ended(DeploymentResource d) =>
        d.Properties?.ProvisioningState is { } s && EndedStates.Contains(s, StringComparer.OrdinalIgnoreCase);

    private static readonly string[] EndedStates = ["Succeeded", "Failed", "Canceled", "Cancelled", "Disabled"];

    /// <summary>An operation on it is still running: it reports a state, and not a final one.</summary>
    private static bool Busy(DeploymentResource d) => d.Properties?.ProvisioningState is { Length: > 0 } && !Ended(d);

    /// <summary>Why reusing a deployment of another version than the one chosen deserves a word: its version's lifecycle, or that it is not the one chosen.</summary>
    private static string? ReuseConcern(DeployState state, Offer chosen, string? version, DateTimeOffset now)
    {
        if (version == chosen.Version) return null;
        var its = state.Offers.FirstOrDefault(o => o.Model.Equals(chosen.Model, StringComparison.OrdinalIgnoreCase) && o.Version == version);
        return its is null ? $"a version the region's catalogue does not list (deploy would create {chosen.Version})"
            : !ModelLifecycle.IsGenerallyAvailable(its.Lifecycle) || ModelLifecycle.IsGone(its, now) ? ModelLifecycle.Status(its, now)
            : $"not {chosen.Version}, the version deploy would create";
    }

    /// <summary>A version from ARM as it is when it could be a deployment name, else quoted with its odd characters escaped.</summary>
    private static string Shown(string? version) => version is not null && TrustedValues.DeploymentNameProblem(version) is null ? version : TrustedValues.Show(version);
}
