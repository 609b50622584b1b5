using Azure;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>
/// Registers Microsoft.CognitiveServices in a subscription where it is not (a new one), as the portal does before it
/// creates a Foundry resource, and waits (bounded, with progress) until Azure says Registered.
/// </summary>
public static class ProviderRegistrar
{
    public static TimeSpan Wait { get; } = Deadlines.Read("FOUNDRYIDE_PROVIDER_WAIT_SECONDS", 600);

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    public const string RegisterAction = "Microsoft.CognitiveServices/register/action";

    /// <summary>
    /// Fails, before anything is registered, a run the options alone doom: an unregistered subscription holds no Foundry
    /// resource, so one must be created, and creating needs a resource group and a region.
    /// </summary>
    public static void CheckInputs(DeployState state)
    {
        var request = state.Request;
        var sub = state.Subscription!;
        if (!request.Create)
        {
            state.Fail("resource", $"No Foundry resource named {request.Resource} in {sub.Name} ({sub.Id}): Microsoft.CognitiveServices is not registered there, " +
                "so the subscription holds no Foundry resource.", $"Check the subscription, or {state.Words.CreateIt}.");
        }
        else if (request.ResourceGroup is null || request.Location is null)
        {
            state.Fail("resource", $"{request.Resource} does not exist (Microsoft.CognitiveServices is not registered in the subscription); creating it needs a resource group and a region.",
                state.Words.CommandLine
                    ? "Add --resource-group RG --location REGION (a region whose catalogue offers Claude, e.g. eastus2 or swedencentral)."
                    : "Give a resource group and a region whose catalogue offers Claude.");
        }
    }

    /// <summary>Fails the plan when the identity's permissions on the subscription do not allow registering (a Reader's).</summary>
    public static async Task CheckMayRegisterAsync(DeployState state, CognitiveServicesClient rest, CancellationToken cancellationToken)
    {
        var scope = $"/subscriptions/{state.Subscription!.Id}";
        List<PermissionSet> sets;
        try
        {
            sets = await DeployPlanner.Collect(rest.ListPermissionsAsync(scope, cancellationToken), cancellationToken);
            state.Read(scope + "/providers/Microsoft.Authorization/permissions", "whether the identity may register resource providers");
        }
        catch (RequestFailedException)
        {
            return; // the POST itself then says
        }

        if (WritePermissions.Allows(sets, RegisterAction)) return;
        // "deploy registers it first" no longer holds: the failure says what the warning said, with the fix that stands.
        var unregistered = state.Verdicts.FirstOrDefault(v => v.Check == "provider" && v.Status == "warn");
        if (unregistered is not null) state.Verdicts.Remove(unregistered);
        state.Fail("provider", $"{(unregistered is null ? "" : unregistered.Detail + " ")}" +
            $"{state.Identity?.Name ?? state.Identity?.ObjectId ?? "The signed-in identity"} may not {RegisterAction} on {scope}.",
            $"The identity may not register resource providers in this subscription: ask an owner to run {Command(state.Subscription.Id)}, then {state.Words.RunAgain}.");
    }

    private static string Command(string subscriptionId) => $"az provider register --namespace Microsoft.CognitiveServices --subscription {subscriptionId} --wait";

    /// <summary>Null once registered; else what went wrong, with its fix.</summary>
    public static async Task<DeployError?> RegisterAsync(CognitiveServicesClient rest, DeployState state, Action<string> progress, CancellationToken cancellationToken)
    {
        var sub = state.Subscription!.Id;
        var register = Command(sub);
        try
        {
            progress("Registering Microsoft.CognitiveServices in the subscription");
            var provider = await ArmGate.WithDeadlineAsync(ct => rest.RegisterProviderAsync(sub, ct), cancellationToken);
            state.Calls.Add(new PlannedCall("POST", CognitiveServicesClient.ProviderPath(sub) + "/register", null, "register Microsoft.CognitiveServices", Done: true));
            var started = DateTimeOffset.UtcNow;
            while (!"Registered".Equals(provider.RegistrationState, StringComparison.OrdinalIgnoreCase))
            {
                var elapsed = DateTimeOffset.UtcNow - started;
                if (elapsed > Wait)
                {
                    return new DeployError("Timeout", $"Microsoft.CognitiveServices was still {provider.RegistrationState} after {Wait.TotalMinutes:0} minutes; Azure goes on with it.",
                        $"When `az provider show --namespace Microsoft.CognitiveServices --subscription {sub} --query registrationState` says Registered, {state.Words.RunAgain}.");
                }

                progress($"Microsoft.CognitiveServices: {provider.RegistrationState ?? "Registering"} ({elapsed.TotalSeconds:0} s)");
                await Task.Delay(Poll, cancellationToken);
                provider = await ArmGate.WithDeadlineAsync(ct => rest.GetProviderAsync(sub, ct), cancellationToken);
            }

            progress("Microsoft.CognitiveServices is registered");
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new DeployError("Cancelled", "Nothing but the registration of Microsoft.CognitiveServices was asked for; Azure goes on with it.",
                $"{state.Words.RunAgainAtStart} to go on.");
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            return new DeployError(ArmFailures.Code(e) is { Length: > 0 } code ? code : "AuthorizationFailed", $"Registering Microsoft.CognitiveServices: Azure refused it (403 {ArmFailures.Code(e)}).",
                $"The identity may not register resource providers in this subscription: ask an owner to run {register}, then {state.Words.RunAgain}.");
        }
        catch (Exception e) when (e is RequestFailedException or TimeoutException)
        {
            return new DeployError(e is RequestFailedException r ? r.ErrorCode ?? r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "Timeout",
                DeployFailures.Describe(e, "Registering Microsoft.CognitiveServices", state), $"Register it yourself: {register}; then {state.Words.RunAgain}.");
        }
    }
}
