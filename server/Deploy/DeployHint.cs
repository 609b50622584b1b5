using FoundryIde.Server.Cloud;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>How a message that finds Claude models missing on a resource names the way to deploy them.</summary>
public static class DeployHint
{
    /// <summary>
    /// "deploy one: `foundry-ide deploy …` (in VS Code: Foundry: Deploy Claude Models)"; the command is named only when
    /// the resource's name and subscription are what Azure allows, so nothing from ARM is pasted into a command line.
    /// </summary>
    public static string For(FoundryResource resource, string? family = null)
    {
        var models = family is null ? "" : $" --models {family}";
        var command = TrustedValues.IsAccountName(resource.Name) && TrustedValues.IsGuid(resource.SubscriptionId)
            ? $"`foundry-ide deploy --subscription {resource.SubscriptionId} --resource {resource.Name}{models}`"
            : "`foundry-ide deploy`";
        return $"{command} (in VS Code: Foundry: Deploy Claude Models), or the Foundry portal (https://ai.azure.com)";
    }
}
