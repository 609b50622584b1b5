using Azure.Core.Pipeline;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Connection;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>
/// `--grant-access`: "Azure AI User" on the account for the identity Claude Code will use, then Claude Code's own
/// request until Foundry stops refusing that identity (bounded by <see cref="Wait"/>), or until it refuses for a reason
/// waiting cannot change (network rules, a bad token, no answer), which it then names.
/// </summary>
public sealed class DeployAccessGrant(AzureConnections connections)
{
    public static TimeSpan Wait { get; } = Deadlines.Read("FOUNDRYIDE_GRANT_WAIT_SECONDS", 900);

    private const string Role = DeployBodies.AzureAIUserRole;

    public async Task<RoleAssignmentInfo> GrantAsync(DeployState state, CognitiveServicesClient rest, Action<string> progress, CancellationToken cancellationToken)
    {
        var scope = state.AccountId!;
        var oid = state.Identity?.ObjectId;
        if (oid is null || !TrustedValues.IsGuid(oid))
        {
            return new RoleAssignmentInfo(Role, oid ?? "", scope, "skipped", null,
                "The identity Claude Code will use has no object id in its token; nothing was assigned.", "Assign \"Azure AI User\" on the resource by hand.");
        }

        if (state.HasDataAccess)
        {
            return new RoleAssignmentInfo(Role, oid, scope, "existing", null, "The identity may already call Claude here.", null);
        }

        if (!state.MayAssignRoles)
        {
            var verdict = state.Verdicts.LastOrDefault(v => v.Check == "access");
            return new RoleAssignmentInfo(Role, oid, scope, "notAllowed", null, verdict?.Detail ?? "", verdict?.Fix);
        }

        var existing = (await DeployPlanner.Collect(rest.ListRoleAssignmentsAsync(scope, oid, cancellationToken), cancellationToken))
            .FirstOrDefault(r => r.Properties?.RoleDefinitionId?.EndsWith("/" + DeployBodies.AzureAIUserRoleId, StringComparison.OrdinalIgnoreCase) == true
                && string.Equals(r.Properties.Scope, scope, StringComparison.OrdinalIgnoreCase));
        var id = existing?.Id;
        var assignment = "existing";
        if (existing is null)
        {
            progress($"Assigning \"{Role}\" on {state.Request.Resource} to {state.Identity?.Name ?? oid}");
            var path = $"{CognitiveServicesClient.RoleAssignmentsPath(scope)}/{Guid.NewGuid()}";
            var put = await rest.PutAsync(path, CognitiveServicesClient.RoleAssignmentsApiVersion, DeployBodies.RoleAssignment(state),
                ArmDeployJsonContext.Default.RoleAssignmentBody, ArmDeployJsonContext.Default.RoleAssignmentResource, cancellationToken);
            state.Calls.Add(new PlannedCall("PUT", path, null, "assign Azure AI User", Done: true));
            id = put.Value?.Id ?? path;
            assignment = "created";
        }

        var (applied, detail, fix) = await WaitForAccessAsync(state, progress, cancellationToken);
        return new RoleAssignmentInfo(Role, oid, scope, assignment, id, detail, fix, applied);
    }

    /// <summary>Sends Claude Code's Messages request with the identity's token while Foundry refuses the identity (bounded).</summary>
    private async Task<(bool Applied, string Detail, string? Fix)> WaitForAccessAsync(DeployState state, Action<string> progress, CancellationToken cancellationToken)
    {
        var test = state.Words.TestConnection(state.Request.Resource);
        var endpoint = DeployService.Endpoint(state.Account, connections.Current.Cloud.Foundry);
        if (endpoint is null)
        {
            return (false, $"Not checked: {state.Request.Resource} has no Foundry endpoint (a custom subdomain) for Claude Code to call.",
                "Give the resource a custom subdomain (Azure portal, the resource's Networking), then " + test + ".");
        }

        var deployment = state.Models.FirstOrDefault(m => m.Action != PlannedModel.Blocked)?.DeploymentName;
        if (deployment is null) return (false, "Not checked: no deployment to send Claude Code's request to.", null);
        var uri = MessagesProbe.MessagesUri(endpoint);
        var probe = new MessagesProbe(MessagesProbe.CreatePipeline(new BearerTokenAuthenticationPolicy(connections.Current.Credential, LinkProbe.FoundryScope),
            connections.Current.Cloud.Foundry));
        var started = DateTimeOffset.UtcNow;
        while (true)
        {
            var outcome = await probe.SendAsync(uri, deployment, cancellationToken);
            var elapsed = DateTimeOffset.UtcNow - started;
            var said = $"{outcome.HttpStatus} {TrustedValues.PlainWord(outcome.Error?.Code, "")}".Trim();
            if (outcome.Failure is { } failure)
            {
                var (why, whatToDo) = NetworkDiagnosis.Explain(failure, uri);
                return (false, $"Not checked: Claude Code's request got no answer. {why}", whatToDo);
            }

            if (outcome.HttpStatus is not (401 or 403)) return (true, "Claude answers with the identity's token.", null);
            if (NetworkRules(outcome))
            {
                return (false, $"Foundry refused the request for its network rules ({said}), not for the role: {Message(outcome)}",
                    $"Allow this network in the resource's Networking settings, or call it from a network it allows; then {test}.");
            }

            if (!ProbeDiagnosis.IsAccessRefusal(outcome))
            {
                return (false, $"Foundry refused the identity's token ({said}), not for the role: {Message(outcome)}", $"{DeployWords.AtStart(test)} says why.");
            }

            if (elapsed > Wait)
            {
                return (false, $"Claude still answered {said} after {DeployOperations.Minutes(Wait)}; assignments can take longer to apply.",
                    $"Wait a few minutes, then {test}.");
            }

            progress($"Waiting for the role assignment to apply: Claude answered {said} ({elapsed.TotalSeconds:0} s)");
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, Math.Max(1, Wait.TotalSeconds / 60))), cancellationToken);
        }
    }

    /// <summary>A refusal for the resource's network settings (public access disabled, firewall, private endpoint only).</summary>
    private static bool NetworkRules(ProbeOutcome outcome) =>
        outcome.HttpStatus == 403 && Message(outcome) is var m
        && (m.Contains("Public access is disabled", StringComparison.OrdinalIgnoreCase) || m.Contains("private endpoint", StringComparison.OrdinalIgnoreCase)
            || m.Contains("Virtual Network", StringComparison.OrdinalIgnoreCase) || m.Contains("Firewall", StringComparison.OrdinalIgnoreCase));

    private static string Message(ProbeOutcome outcome) => TrustedValues.Show(outcome.Error?.Message ?? "no message");
}
