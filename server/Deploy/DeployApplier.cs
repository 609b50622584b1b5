using Azure.Core;
using Azure.Core.Pipeline;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Connection;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>
/// The writing half of `deploy`, run only when no preflight failed: the resource group and the account when missing,
/// then each deployment one after another (parallel PUTs on one account answer 409), each long-running operation
/// followed to its end; cancellation stops between calls. The result is read back from ARM: what exists is listed.
/// </summary>
public sealed class DeployApplier(AzureConnections connections)
{
    public static TimeSpan OperationDeadline { get; } = Deadlines.Read("FOUNDRYIDE_DEPLOY_OPERATION_SECONDS", 1800);

    public static TimeSpan GrantWait { get; } = Deadlines.Read("FOUNDRYIDE_GRANT_WAIT_SECONDS", 900);

    public async Task<(List<DeployError> Errors, bool Created, RoleAssignmentInfo? Role)> ApplyAsync(
        DeployState state, Action<string> progress, CancellationToken cancellationToken)
    {
        var rest = connections.Current.Rest;
        var errors = new List<DeployError>();
        var created = false;
        RoleAssignmentInfo? role = null;
        var sub = state.Subscription!.Id;
        try
        {
            if (state.Account is null || state.RetryAccount)
            {
                if (!state.ResourceGroupExists)
                {
                    progress($"Creating resource group {state.ResourceGroup} in {state.Location}");
                    var rgPath = CognitiveServicesClient.ResourceGroupPath(sub, state.ResourceGroup!);
                    await rest.PutAsync(rgPath, CognitiveServicesClient.ResourcesApiVersion, new ResourceGroupBody(state.Location!),
                        ArmDeployJsonContext.Default.ResourceGroupBody, ArmDeployJsonContext.Default.ResourceGroupResource, cancellationToken);
                    Done(state, "PUT", rgPath, "create the resource group");
                    state.ResourceGroupExists = true;
                }

                progress($"Creating Foundry resource {state.Request.Resource}");
                var put = await rest.PutAsync(state.AccountId!, CognitiveServicesClient.ApiVersion, DeployBodies.Account(state),
                    ArmDeployJsonContext.Default.AccountCreateBody, ArmDeployJsonContext.Default.AccountResource, cancellationToken);
                Done(state, "PUT", state.AccountId!, "create the Foundry resource");
                created = true;
                state.Account = put.Value;
                var failure = await FollowAsync(rest, put.Operation, put.RetryAfter, state.Request.Resource, progress, cancellationToken);
                (state.Account, var ended) = await SettleAccountAsync(rest, state, progress, cancellationToken);
                failure ??= ended;
                if (failure is not null)
                {
                    errors.Add(DeployFailures.For(failure.Code ?? "Failed", failure.Message ?? "The resource could not be created.", state, null));
                    return (errors, created, role);
                }
            }

            foreach (var model in state.Models.Where(m => m.Action == PlannedModel.Create))
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress($"Deploying {model.Offer.Model}@{model.Offer.Version} as {model.DeploymentName} ({model.Capacity})");
                if (TrustedValues.DeploymentNameProblem(model.DeploymentName) is { } problem)
                {
                    throw new UntrustedValueException($"The deployment name {TrustedValues.Show(model.DeploymentName)}: {problem}; nothing was sent.");
                }

                var path = $"{state.AccountId}/deployments/{model.DeploymentName}";
                try
                {
                    var put = await rest.PutAsync(path, CognitiveServicesClient.DeploymentApiVersion, DeployBodies.Deployment(state, model),
                        ArmDeployJsonContext.Default.DeploymentCreateBody, ArmDeployJsonContext.Default.DeploymentResource, cancellationToken);
                    Done(state, "PUT", path, $"deploy {model.Offer.Model}");
                    var failure = await FollowAsync(rest, put.Operation, put.RetryAfter, model.DeploymentName, progress, cancellationToken);
                    if (failure is not null)
                    {
                        errors.Add(DeployFailures.For(failure.Code ?? "Failed", failure.Message ?? "The deployment failed.", state, model.DeploymentName));
                    }
                }
                catch (Exception e) when (e is Azure.RequestFailedException or TimeoutException or UntrustedValueException)
                {
                    errors.Add(DeployFailures.From(e, state, model.DeploymentName));
                }
            }

            if (state.Request.GrantAccess) role = await GrantAsync(state, rest, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errors.Add(new DeployError("Cancelled",
                "No further call was made. What exists now is listed; an operation Azure had already accepted runs on there.",
                $"{state.Words.RunAgainAtStart} to finish: what exists is reused."));
        }
        catch (Exception e) when (e is Azure.RequestFailedException or TimeoutException or UntrustedValueException)
        {
            errors.Add(DeployFailures.From(e, state, null));
        }

        return (errors, created, role);
    }

    /// <summary>Follows an Azure-AsyncOperation to its end; null when it succeeded, else Azure's error.</summary>
    private static async Task<ArmErrorDetail?> FollowAsync(
        CognitiveServicesClient rest, Uri? operation, TimeSpan? retryAfter, string what, Action<string> progress, CancellationToken cancellationToken)
    {
        if (operation is null) return null;
        var started = DateTimeOffset.UtcNow;
        var wait = retryAfter;
        while (true)
        {
            await Task.Delay(Clamp(wait), cancellationToken);
            var (status, next) = await ArmGateCall(ct => rest.PollAsync(operation, ct), cancellationToken);
            var elapsed = DateTimeOffset.UtcNow - started;
            switch (status.Status)
            {
                case "Succeeded":
                    progress($"{what}: Succeeded after {elapsed.TotalSeconds:0} s");
                    return null;
                case var s when EndedBadly(s):
                    return status.Error ?? new ArmErrorDetail(status.Status, $"{what}: the operation ended {status.Status}.");
            }

            StillRunning(what, TrustedValues.PlainWord(status.Status, "InProgress"), elapsed, progress);
            wait = next;
        }
    }

    /// <summary>
    /// The account once its provisioningState is final. Accounts_Create declares no Azure-AsyncOperation: without one (or
    /// should ARM still be settling after it) the account's own state says when it is ready: Accepted, Creating,
    /// ResolvingDNS ..., then Succeeded, or Failed or Canceled (returned as the failure).
    /// </summary>
    private static async Task<(AccountResource? Account, ArmErrorDetail? Failure)> SettleAccountAsync(
        CognitiveServicesClient rest, DeployState state, Action<string> progress, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        for (var poll = 1; ; poll++)
        {
            var account = await ArmGateCall(ct => rest.GetOrNullAsync(state.AccountId!, CognitiveServicesClient.ApiVersion, ArmDeployJsonContext.Default.AccountResource, ct),
                cancellationToken);
            var provisioning = account?.Properties?.ProvisioningState;
            if (account is null || provisioning is null || "Succeeded".Equals(provisioning, StringComparison.OrdinalIgnoreCase))
            {
                return (account ?? state.Account, null);
            }

            var shown = TrustedValues.PlainWord(provisioning, "in an unknown state");
            if (EndedBadly(provisioning))
            {
                return (account, new ArmErrorDetail(shown, $"Azure reports the resource {state.Request.Resource} as {shown}."));
            }

            StillRunning(state.Request.Resource, shown, DateTimeOffset.UtcNow - started, progress);
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(poll, 5)), cancellationToken);
        }
    }

    /// <summary>An operation's or a resource's final state other than Succeeded.</summary>
    private static bool EndedBadly(string? state) => state is "Failed" or "Canceled" or "Cancelled";

    /// <summary>Progress while Azure works; past <see cref="OperationDeadline"/>, the timeout that says Azure goes on with it.</summary>
    private static void StillRunning(string what, string state, TimeSpan elapsed, Action<string> progress)
    {
        progress($"{what}: {state} ({elapsed.TotalSeconds:0} s)");
        if (elapsed > OperationDeadline)
        {
            throw new TimeoutException($"{what}: still {state} after {OperationDeadline.TotalMinutes:0} minutes; Azure goes on with it. Run deploy again later.");
        }
    }

    private static Task<T> ArmGateCall<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        ArmGate.WithDeadlineAsync(call, cancellationToken);

    /// <summary>Retry-After when Azure gives one (at most 30 s), else 2 s.</summary>
    private static TimeSpan Clamp(TimeSpan? wait) =>
        wait is { } w ? TimeSpan.FromSeconds(Math.Clamp(w.TotalSeconds, 0, 30)) : TimeSpan.FromSeconds(2);

    private static void Done(DeployState state, string method, string path, string purpose) =>
        state.Calls.Add(new PlannedCall(method, path, null, purpose, Done: true));

    private async Task<RoleAssignmentInfo> GrantAsync(DeployState state, CognitiveServicesClient rest, Action<string> progress, CancellationToken cancellationToken)
    {
        var scope = state.AccountId!;
        var oid = state.Identity?.ObjectId;
        if (oid is null || !TrustedValues.IsGuid(oid))
        {
            return new RoleAssignmentInfo(DeployBodies.AzureAIUserRole, oid ?? "", scope, "skipped", null,
                "The identity Claude Code will use has no object id in its token; nothing was assigned.", "Assign \"Azure AI User\" on the resource by hand.");
        }

        if (state.HasDataAccess)
        {
            return new RoleAssignmentInfo(DeployBodies.AzureAIUserRole, oid, scope, "existing", null, "The identity may already call Claude here.", null);
        }

        if (!state.MayAssignRoles)
        {
            var verdict = state.Verdicts.LastOrDefault(v => v.Check == "access");
            return new RoleAssignmentInfo(DeployBodies.AzureAIUserRole, oid, scope, "notAllowed", null, verdict?.Detail ?? "", verdict?.Fix);
        }

        var existing = (await DeployPlanner.Collect(rest.ListRoleAssignmentsAsync(scope, oid, cancellationToken), cancellationToken))
            .FirstOrDefault(r => r.Properties?.RoleDefinitionId?.EndsWith("/" + DeployBodies.AzureAIUserRoleId, StringComparison.OrdinalIgnoreCase) == true
                && string.Equals(r.Properties.Scope, scope, StringComparison.OrdinalIgnoreCase));
        string? id = existing?.Id;
        var state2 = "existing";
        if (existing is null)
        {
            progress($"Assigning \"{DeployBodies.AzureAIUserRole}\" on {state.Request.Resource} to {state.Identity?.Name ?? oid}");
            var path = $"{CognitiveServicesClient.RoleAssignmentsPath(scope)}/{Guid.NewGuid()}";
            var put = await rest.PutAsync(path, CognitiveServicesClient.RoleAssignmentsApiVersion, DeployBodies.RoleAssignment(state),
                ArmDeployJsonContext.Default.RoleAssignmentBody, ArmDeployJsonContext.Default.RoleAssignmentResource, cancellationToken);
            Done(state, "PUT", path, "assign Azure AI User");
            id = put.Value.Id;
            state2 = "created";
        }

        var applied = await WaitForAccessAsync(state, progress, cancellationToken);
        return new RoleAssignmentInfo(DeployBodies.AzureAIUserRole, oid, scope, state2, id,
            applied ? "Claude answers with the identity's token." : $"Claude still answered 401/403 after {GrantWait.TotalMinutes:0} minutes; assignments can take longer to apply.",
            applied ? null : $"Wait a few minutes, then {state.Words.TestConnection(state.Request.Resource)}.", applied);
    }

    /// <summary>Sends Claude Code's Messages request with the identity's token until it stops answering 401/403 (bounded).</summary>
    private async Task<bool> WaitForAccessAsync(DeployState state, Action<string> progress, CancellationToken cancellationToken)
    {
        var endpoint = DeployService.Endpoint(state.Account, connections.Current.Cloud.Foundry);
        var deployment = state.Models.FirstOrDefault(m => m.Action != PlannedModel.Blocked)?.DeploymentName;
        if (endpoint is null || deployment is null) return false;
        var chain = connections.Current.Credential;
        var probe = new MessagesProbe(MessagesProbe.CreatePipeline(new BearerTokenAuthenticationPolicy(chain, LinkProbe.FoundryScope), connections.Current.Cloud.Foundry));
        var started = DateTimeOffset.UtcNow;
        while (true)
        {
            var outcome = await probe.SendAsync(MessagesProbe.MessagesUri(endpoint), deployment, cancellationToken);
            var elapsed = DateTimeOffset.UtcNow - started;
            if (outcome.HttpStatus is not (401 or 403) && outcome.Failure is null) return true;
            if (elapsed > GrantWait) return false;
            progress($"Waiting for the role assignment to apply: Claude answered {outcome.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"} ({elapsed.TotalSeconds:0} s)");
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, Math.Max(1, GrantWait.TotalSeconds / 60))), cancellationToken);
        }
    }
}
