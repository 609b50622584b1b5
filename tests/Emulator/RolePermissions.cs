namespace FoundryIde.Emulator;

/// <summary>Built-in-like role definitions and ARM-style wildcard permission evaluation.</summary>
public static class RolePermissions
{
    /// <summary>The data action Foundry's Anthropic endpoint requires: the one Azure names when it refuses POST /anthropic/v1/*.</summary>
    public const string AnthropicDataAction = "Microsoft.CognitiveServices/accounts/AIServices/providers/action";

    public const string AccountsReadAction = "Microsoft.CognitiveServices/accounts/read";
    public const string DeploymentsReadAction = "Microsoft.CognitiveServices/accounts/deployments/read";
    public const string ListKeysAction = "Microsoft.CognitiveServices/accounts/listKeys/action";
    public const string SubscriptionReadAction = "Microsoft.Resources/subscriptions/read";
    public const string ResourceGroupReadAction = "Microsoft.Resources/subscriptions/resourceGroups/read";

    /// <summary>Azure AI User (53ca6127-db72-4b80-b1b0-d745d6d5456d)-like: read control plane, all data actions.</summary>
    public static RoleGrant AzureAIUser(string principalId, string scope) => Grant(
        principalId, scope, "Azure AI User",
        ["Microsoft.CognitiveServices/*/read", "Microsoft.Authorization/*/read", "Microsoft.Resources/subscriptions/resourceGroups/read"],
        dataActions: ["Microsoft.CognitiveServices/*"]);

    /// <summary>Cognitive Services User (a97b65f3-24c7-4388-baec-2e87135dc908)-like: read, listKeys, all data actions.</summary>
    public static RoleGrant CognitiveServicesUser(string principalId, string scope) => Grant(
        principalId, scope, "Cognitive Services User",
        ["Microsoft.CognitiveServices/*/read", "Microsoft.CognitiveServices/accounts/listkeys/action", "Microsoft.Authorization/*/read",
            "Microsoft.Resources/subscriptions/resourceGroups/read"],
        dataActions: ["Microsoft.CognitiveServices/*"]);

    /// <summary>Cognitive Services OpenAI User-like: only OpenAI data actions (not enough for Claude).</summary>
    public static RoleGrant CognitiveServicesOpenAIUser(string principalId, string scope) => Grant(
        principalId, scope, "Cognitive Services OpenAI User",
        ["Microsoft.CognitiveServices/*/read", "Microsoft.Authorization/roleAssignments/read", "Microsoft.Authorization/roleDefinitions/read"],
        dataActions: ["Microsoft.CognitiveServices/accounts/OpenAI/*"]);

    /// <summary>
    /// Cognitive Services Contributor (25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68)-like: manages accounts and deployments, no
    /// resource group writes, no Marketplace or SaaS actions, no data actions.
    /// </summary>
    public static RoleGrant CognitiveServicesContributor(string principalId, string scope) => Grant(
        principalId, scope, "Cognitive Services Contributor",
        ["Microsoft.Authorization/*/read", "Microsoft.CognitiveServices/*", "Microsoft.Features/features/read", "Microsoft.Insights/alertRules/*",
            "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/read", "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Support/*"]);

    /// <summary>Reader-like: every read action, no data actions.</summary>
    public static RoleGrant Reader(string principalId, string scope) => Grant(principalId, scope, "Reader", ["*/read"]);

    /// <summary>Contributor-like: every control-plane action except authorization writes; no data actions.</summary>
    public static RoleGrant Contributor(string principalId, string scope) => Grant(
        principalId, scope, "Contributor", ["*"],
        notActions: ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action"]);

    /// <summary>Owner-like: every control-plane action, authorization writes included.</summary>
    public static RoleGrant Owner(string principalId, string scope) => Grant(principalId, scope, "Owner", ["*"]);

    /// <summary>User Access Administrator-like: read everything, manage authorization.</summary>
    public static RoleGrant UserAccessAdministrator(string principalId, string scope) =>
        Grant(principalId, scope, "User Access Administrator", ["*/read", "Microsoft.Authorization/*"]);

    public static RoleGrant Grant(
        string principalId, string scope, string roleName, IEnumerable<string> actions,
        IEnumerable<string>? notActions = null, IEnumerable<string>? dataActions = null, IEnumerable<string>? notDataActions = null) =>
        new()
        {
            PrincipalId = principalId,
            Scope = scope,
            RoleName = roleName,
            Actions = [.. actions],
            NotActions = [.. notActions ?? []],
            DataActions = [.. dataActions ?? []],
            NotDataActions = [.. notDataActions ?? []],
        };

    /// <summary>True when <paramref name="scope"/> equals <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsAtOrBelow(string scope, string ancestor)
    {
        var s = scope.TrimEnd('/');
        var a = ancestor.TrimEnd('/');
        if (a.Length == 0)
        {
            return true;
        }

        return s.Equals(a, StringComparison.OrdinalIgnoreCase)
            || (s.Length > a.Length && s.StartsWith(a, StringComparison.OrdinalIgnoreCase) && s[a.Length] == '/');
    }

    /// <summary>ARM wildcard match: '*' matches any run of characters (including '/'); comparison ignores case.</summary>
    public static bool Matches(string pattern, string action)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return pattern.Equals(action, StringComparison.OrdinalIgnoreCase);
        }

        if (!action.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var position = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = action.IndexOf(parts[i], position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        var last = parts[^1];
        return action.Length - position >= last.Length && action.EndsWith(last, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether any of the grants allows the control-plane action (actions minus notActions of that grant).</summary>
    public static bool AllowsAction(IEnumerable<RoleGrant> grants, string action) =>
        grants.Any(g => g.Actions.Any(p => Matches(p, action)) && !g.NotActions.Any(p => Matches(p, action)));

    /// <summary>Whether any of the grants allows the data action (dataActions minus notDataActions of that grant).</summary>
    public static bool AllowsDataAction(IEnumerable<RoleGrant> grants, string dataAction) =>
        grants.Any(g => g.DataActions.Any(p => Matches(p, dataAction)) && !g.NotDataActions.Any(p => Matches(p, dataAction)));
}
