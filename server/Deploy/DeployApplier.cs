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
                state.Account = put.Value ?? state.Account;
                var failure = await DeployOperations.FollowAsync(rest, put, state.Request.Resource, progress, cancellationToken);
                if (failure is null)
                {
                    (var account, failure) = await DeployOperations.SettleAsync(rest, state.AccountId!, CognitiveServicesClient.ApiVersion,
                        ArmDeployJsonContext.Default.AccountResource, a => a.Properties?.ProvisioningState, $"the resource {state.Request.Resource}", progress, cancellationToken);
                    state.Account = account ?? state.Account;
                }

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
                    var failure = await DeployOperations.FollowAsync(rest, put, model.DeploymentName, progress, cancellationToken)
                        ?? (await DeployOperations.SettleAsync(rest, path, CognitiveServicesClient.DeploymentApiVersion, ArmDeployJsonContext.Default.DeploymentResource,
                            d => d.Properties?.ProvisioningState, $"the deployment {model.DeploymentName}", progress, cancellationToken)).Failure;
                    if (failure is not null)
                    {
                        errors.Add(DeployFailures.For(failure.Code ?? "Failed", failure.Message ?? "The deployment failed.", state, model.DeploymentName));
                    }
                }
                catch (Exception e) when (e is Azure.RequestFailedException or TimeoutException or UntrustedValueException or System.Text.Json.JsonException)
                {
                    errors.Add(DeployFailures.From(e, state, model.DeploymentName));
                }
            }

            if (state.Request.GrantAccess) role = await new DeployAccessGrant(connections).GrantAsync(state, rest, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errors.Add(new DeployError("Cancelled",
                "No further call was made. What exists now is listed; an operation Azure had already accepted runs on there.",
                $"{state.Words.RunAgainAtStart} to finish: what exists is reused."));
        }
        catch (Exception e) when (e is Azure.RequestFailedException or TimeoutException or UntrustedValueException or System.Text.Json.JsonException)
        {
            errors.Add(DeployFailures.From(e, state, null));
        }

        return (errors, created, role);
    }

    private static void Done(DeployState state, string method, string path, string purpose) =>
        state.Calls.Add(new PlannedCall(method, path, null, purpose, Done: true));
}
