using FoundryIde.Server.Discovery;

namespace FoundryIde.Server.Deploy;

/// <summary>
/// Whether ARM's effective permissions of the caller (`.../providers/Microsoft.Authorization/permissions`, the same
/// call the access check uses) allow a control-plane action: some entry's actions match it and that entry's
/// notActions do not ('*' matches any run of characters, case ignored). Deny assignments are not visible there.
/// </summary>
public static class WritePermissions
{
    public const string ResourceGroupWrite = "Microsoft.Resources/subscriptions/resourceGroups/write";
    public const string AccountWrite = "Microsoft.CognitiveServices/accounts/write";
    public const string DeploymentWrite = "Microsoft.CognitiveServices/accounts/deployments/write";
    public const string RoleAssignmentWrite = "Microsoft.Authorization/roleAssignments/write";

    public static bool Allows(IEnumerable<PermissionSet> sets, string action) =>
        sets.Any(s => (s.Actions ?? []).Any(p => Matches(p, action)) && !(s.NotActions ?? []).Any(p => Matches(p, action)));

    public static bool Matches(string pattern, string action)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1) return pattern.Equals(action, StringComparison.OrdinalIgnoreCase);
        if (!action.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase)) return false;
        var position = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = action.IndexOf(parts[i], position, StringComparison.OrdinalIgnoreCase);
            if (found < 0) return false;
            position = found + parts[i].Length;
        }

        return action.Length - position >= parts[^1].Length && action.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase);
    }
}
