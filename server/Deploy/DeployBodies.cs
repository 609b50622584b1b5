using System.Text.Json;
using System.Text.Json.Nodes;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>The bodies of the writes, built once, shown in the plan (secrets masked) and sent by apply.</summary>
public static class DeployBodies
{
    /// <summary>Azure AI User, the built-in role that lets an identity call Claude on the resource.</summary>
    public const string AzureAIUserRoleId = "53ca6127-db72-4b80-b1b0-d745d6d5456d";
    public const string AzureAIUserRole = "Azure AI User";

    /// <summary>A new resource's definition; a retried one's is its own (<see cref="AccountRetry"/>).</summary>
    public static AccountCreateBody Account(DeployState state) => state.RetryDefinition is { } own
        ? AccountRetry.Body(state.Location!, own, state.Account?.Properties?.CustomSubDomainName ?? state.Request.Resource.ToLowerInvariant())
        : new(state.Location!, "AIServices", new ArmSku("S0", null),
            new AccountCreateProperties(state.Account?.Properties?.CustomSubDomainName ?? state.Request.Resource.ToLowerInvariant(), AllowProjectManagement: true,
                PublicNetworkAccess: "Enabled"));

    public static DeploymentCreateBody Deployment(DeployState state, PlannedModel model) => new(
        new ArmSku(model.Offer.Sku, model.Capacity),
        new DeploymentCreateProperties(new DeploymentModel("Anthropic", model.Offer.Model, model.Offer.Version), state.ProviderData));

    public static string RoleDefinitionId(string subscriptionId) =>
        $"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{AzureAIUserRoleId}";

    public static RoleAssignmentBody RoleAssignment(DeployState state) => new(new RoleAssignmentProperties(
        RoleDefinitionId(state.Subscription!.Id), state.Identity?.ObjectId ?? "", PrincipalType(state.Identity)));

    public static string? PrincipalType(IdentityInfo? identity) => identity?.PrincipalType is "User" or "ServicePrincipal" ? identity.PrincipalType : null;

    /// <summary>The writes a run will make, in order, with their bodies (for the plan).</summary>
    public static List<PlannedCall> Writes(DeployState state)
    {
        var calls = new List<PlannedCall>();
        if (state.ProviderUnregistered && state.Subscription is not null)
        {
            calls.Add(new PlannedCall("POST", $"{CognitiveServicesClient.ProviderPath(state.Subscription.Id)}/register?api-version={CognitiveServicesClient.ResourcesApiVersion}", null,
                "register Microsoft.CognitiveServices in the subscription and wait until it is Registered; then every check runs before any other write"));
        }

        if (state.Subscription is null || state.ResourceGroup is null) return calls;
        var sub = state.Subscription.Id;
        var api = $"?api-version={CognitiveServicesClient.ApiVersion}";
        // Without create, a missing group or resource is a failed verdict, never a write.
        if (state.Request.Create && state.Account is null && !state.ResourceGroupExists)
        {
            calls.Add(new PlannedCall("PUT", CognitiveServicesClient.ResourceGroupPath(sub, state.ResourceGroup) + $"?api-version={CognitiveServicesClient.ResourcesApiVersion}",
                Show(JsonSerializer.SerializeToNode(new ResourceGroupBody(state.Location!), ArmDeployJsonContext.Default.ResourceGroupBody)), "create the resource group"));
        }

        if (state.Request.Create && (state.Account is null || state.RetryAccount))
        {
            calls.Add(new PlannedCall("PUT", state.AccountId + api, Show(JsonSerializer.SerializeToNode(Account(state), ArmDeployJsonContext.Default.AccountCreateBody)),
                "create the Foundry resource (AIServices), then follow its Azure-AsyncOperation"));
        }

        foreach (var model in state.Models.Where(m => m.Action == PlannedModel.Create))
        {
            calls.Add(new PlannedCall("PUT", $"{state.AccountId}/deployments/{model.DeploymentName}?api-version={CognitiveServicesClient.DeploymentApiVersion}",
                Show(JsonSerializer.SerializeToNode(Deployment(state, model), ArmDeployJsonContext.Default.DeploymentCreateBody)),
                $"deploy {model.Offer.Model}@{model.Offer.Version} ({model.Family}), then follow its Azure-AsyncOperation; one at a time"));
        }

        if (state.Request.GrantAccess && !state.HasDataAccess && state.MayAssignRoles && state.Identity?.ObjectId is not null)
        {
            calls.Add(new PlannedCall("PUT", $"{CognitiveServicesClient.RoleAssignmentsPath(state.AccountId!)}/{{new GUID}}?api-version={CognitiveServicesClient.RoleAssignmentsApiVersion}",
                Show(JsonSerializer.SerializeToNode(RoleAssignment(state), ArmDeployJsonContext.Default.RoleAssignmentBody)),
                $"assign \"{AzureAIUserRole}\" on the resource to the identity Claude Code will use, then wait until Claude answers"));
        }

        return calls;
    }

    /// <summary>The body as shown: any property whose name says key, secret, token or password is masked.</summary>
    public static string? Show(JsonNode? body)
    {
        if (body is null) return null;
        Mask(body);
        return body.ToJsonString();
    }

    private static void Mask(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var (name, value) in o.ToList())
            {
                if (value is JsonValue && IsSecretName(name)) o[name] = "***";
                else if (value is not null) Mask(value);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var item in a) if (item is not null) Mask(item);
        }
    }

    private static readonly string[] SecretWords = ["key", "secret", "token", "password"];

    private static bool IsSecretName(string name) => SecretWords.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase));
}
