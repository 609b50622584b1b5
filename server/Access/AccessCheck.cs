using FoundryIde.Server.Cloud;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Access;

/// <summary>
/// For the credential Claude Code will use: may it call Claude on this resource? Entra identities are checked
/// against their effective RBAC permissions on the resource; an API key against the resource's disableLocalAuth.
/// </summary>
public sealed class AccessCheck(ResourceLocator locator, AzureConnections connections)
{
    private const string PropagationNote = " New role assignments can take a few minutes (up to 10) to apply.";

    public async Task<AccessReport> CheckAsync(DoctorReport doctor, string resourceName, string? subscription, CancellationToken cancellationToken)
    {
        var lookup = await locator.FindAsync(resourceName, subscription, cancellationToken);
        if (lookup.Resource is not { } resource)
        {
            return new AccessReport(resourceName, null, AccessStatus.NotFound, lookup.Problem ?? "", lookup.Fix, []);
        }

        if (resource.Problem is { } problem)
        {
            return new AccessReport(resource.Name, resource.Id, AccessStatus.Unknown, $"{resource.Name} cannot be used: {problem}",
                "Nothing is sent to it. Check the resource in the portal; if it is yours, report it.", []);
        }

        return doctor.Selected switch
        {
            DoctorVerdict.ApiKey => KeyAccess(resource),
            DoctorVerdict.AuthToken => new AccessReport(resource.Name, resource.Id, AccessStatus.Unknown,
                "Claude Code will send ANTHROPIC_FOUNDRY_AUTH_TOKEN as is; its holder's permissions cannot be read without that identity's ARM token.",
                "Check with `az role assignment list --assignee " + (ObjectIdOf(doctor.Identity) ?? "<object id of the token's identity>") +
                " --scope " + resource.Id + " --include-inherited`.", [],
                FixCommands.ListAssignments(ObjectIdOf(doctor.Identity), resource.Id)),
            null => new AccessReport(resource.Name, resource.Id, AccessStatus.Unknown,
                "Claude Code has no working credential here, so there is no identity to check.", "Fix the credential first (see above).", []),
            _ => await CheckRbacAsync(doctor.Identity, resource, cancellationToken),
        };
    }

    private static AccessReport KeyAccess(FoundryResource resource) => resource.DisableLocalAuth
        ? new AccessReport(resource.Name, resource.Id, AccessStatus.Missing,
            "This resource has local authentication disabled (disableLocalAuth): it refuses API keys, so ANTHROPIC_FOUNDRY_API_KEY cannot work.",
            "Use Entra ID instead: unset ANTHROPIC_FOUNDRY_API_KEY and sign in (`az login`), with \"Azure AI User\" on the resource.",
            ["disableLocalAuth"])
        : new AccessReport(resource.Name, resource.Id, AccessStatus.Ok,
            "API keys are accepted by this resource (local authentication is enabled); a key needs no role assignment.", null, []);

    /// <summary>Whether an Entra ID identity's effective data actions on the resource cover calling Claude.</summary>
    public async Task<AccessReport> CheckRbacAsync(IdentityInfo? identity, FoundryResource resource, CancellationToken cancellationToken)
    {
        var dataActions = new List<string>();
        var notDataActions = new List<string>();
        await ArmGate.WithDeadlineAsync(async ct =>
        {
            await foreach (var set in connections.Current.Rest.ListPermissionsAsync(resource.Id, ct))
            {
                dataActions.AddRange(set.DataActions ?? []);
                notDataActions.AddRange(set.NotDataActions ?? []);
            }

            return true;
        }, cancellationToken);

        var who = identity?.Name ?? identity?.ObjectId ?? "this identity";
        var warnings = resource.DisableLocalAuth ? new List<string> { "disableLocalAuth" } : [];
        var (verdict, denier) = DataActionCoverage.Evaluate(dataActions, notDataActions);
        return verdict switch
        {
            DataActionCoverage.Verdict.Covered => new AccessReport(resource.Name, resource.Id, AccessStatus.Ok,
                $"{who} may call Claude on {resource.Name}: its data actions cover {DataActionCoverage.Required}.", null, warnings),
            DataActionCoverage.Verdict.PartlyDenied => new AccessReport(resource.Name, resource.Id, AccessStatus.Missing,
                $"{who} has data actions on {resource.Name}, but notDataActions \"{denier}\" takes away part of what calling Claude needs.",
                "Ask the owner of that role to drop the exclusion, or assign \"Azure AI User\" without it." + PropagationNote, warnings),
            _ => new AccessReport(resource.Name, resource.Id, AccessStatus.Missing,
                $"{who} may not call Claude on {resource.Name}: its data actions there ({Describe(dataActions)}) do not cover {DataActionCoverage.Required}. " +
                "Claude Code would get 401/403 PermissionDenied.",
                Fix(identity, resource), warnings, FixCommands.AssignAzureAIUser(identity, resource)),
        };
    }

    private static string Describe(List<string> actions) => actions.Count == 0 ? "none" : string.Join(", ", actions.Distinct(StringComparer.OrdinalIgnoreCase));

    private static string? ObjectIdOf(IdentityInfo? identity) =>
        identity?.ObjectId is { } id && TrustedValues.IsGuid(id) ? id : null;

    private static string Fix(IdentityInfo? identity, FoundryResource resource)
    {
        var assignee = ObjectIdOf(identity) ?? "<object id>";
        var type = identity?.PrincipalType is "User" or "ServicePrincipal" ? identity.PrincipalType : "<User|ServicePrincipal>";
        return $"Run: az role assignment create --role \"Azure AI User\" --assignee-object-id {assignee} --assignee-principal-type " +
            $"{type} --scope {resource.Id}  (or --assignee {assignee})." + PropagationNote +
            " Least privilege instead: a custom role with only the data action Azure checks: " +
            "az role definition create --role-definition '{\"Name\":\"Foundry Claude User\",\"Actions\":[],\"DataActions\":" +
            $"[\"{DataActionCoverage.Required}\"],\"AssignableScopes\":[\"/subscriptions/{resource.SubscriptionId}\"]}}', then assign it the same way.";
    }
}
